// The single-resource API-server rules against 120 real manifests: the valid ones (not listed in
// MISTAKES.tsv) get no error from these rules, and known mistakes of their kind are caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from '../../server/src/core/project';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { DOC_RULES } from '../../server/src/core/rules';
import type { Finding } from '../../server/src/core/types';

const repoRoot = join(__dirname, '..', '..');
const corpus = join(repoRoot, '..', 'shared', 'corpus');

/** Codes of the single-resource rules (server/src/core/rules/<code>.ts). */
const CODES = new Set([
  'access-modes',
  'claim-template-duplicate',
  'claim-template-invalid-name',
  'claim-template-shadows-volume',
  'claim-template-unmounted',
  'configmap-key-duplicate',
  'configmap-key-invalid',
  'configmap-too-large',
  'container-name-duplicate',
  'container-name-invalid',
  'container-port-range',
  'containers-empty',
  'controller-owned-label',
  'env-field-path-invalid',
  'env-name-invalid',
  'env-value-conflict',
  'image-missing',
  'init-container-probe',
  'invalid-name',
  'label-invalid',
  'max-unavailable-invalid',
  'memory-millibytes',
  'mount-path-duplicate',
  'mount-path-empty',
  'negative-value',
  'ondelete-with-rolling-update',
  'partition-blocks-updates',
  'port-name-invalid',
  'probe-handler',
  'probe-port-invalid',
  'probe-port-unknown',
  'probe-success-threshold',
  'pv-capacity',
  'pv-local-node-affinity',
  'pv-volume-source',
  'request-exceeds-limit',
  'resource-quantity-invalid',
  'revision-history-limit-negative',
  'selector-empty',
  'selector-expression-invalid',
  'selector-mismatch',
  'service-cluster-ip-invalid',
  'service-headless-type',
  'service-name-empty',
  'service-name-invalid',
  'service-node-port-forbidden',
  'service-port-duplicate',
  'service-port-invalid',
  'service-port-name',
  'service-ports-missing',
  'statefulset-name-too-long',
  'storage-class-invalid',
  'storage-request',
  'sub-path-invalid',
  'template-active-deadline',
  'template-hostname-ignored',
  'template-restart-policy',
  'volume-mount-unknown',
  'volume-name-invalid',
  'volume-source',]);

function load(): { files: string[]; mistakes: Map<string, string> } {
  if (!existsSync(join(corpus, 'files'))) throw new Error(`corpus not found at ${corpus} (expected ../shared/corpus next to the repository)`);
  const mistakes = new Map<string, string>();
  for (const line of readFileSync(join(corpus, 'MISTAKES.tsv'), 'utf8').split(/\r?\n/).slice(1)) {
    const [file, what] = line.split('\t');
    if (file) mistakes.set(file, what ?? '');
  }
  const files = readdirSync(join(corpus, 'files')).filter((f) => /\.ya?ml$/.test(f)).sort();
  return { files, mistakes };
}

function findingsOf(file: string): { findings: Finding[]; text: string } {
  const text = readFileSync(join(corpus, 'files', file), 'utf8');
  const p = new Project(DEFAULT_SETTINGS);
  const uri = `file:///corpus/${file}`;
  p.setFile(uri, text);
  return { findings: p.findings(uri).filter((f) => CODES.has(f.code) || f.code === 'internal-error'), text };
}

test('every single-resource rule code is registered', () => {
  const registered = new Set(DOC_RULES.map((r) => r.code));
  for (const c of CODES) assert.ok(registered.has(c), `rule ${c} is not in DOC_RULES`);
});

test('valid corpus manifests get no error (and no rule crash) from the single-resource rules', () => {
  const { files, mistakes } = load();
  const valid = files.filter((f) => !mistakes.has(f));
  assert.ok(valid.length >= 80, `only ${valid.length} valid corpus files`);
  const bad: string[] = [];
  for (const f of valid) {
    const { findings, text } = findingsOf(f);
    for (const x of findings) {
      if (x.severity !== 'error' && x.code !== 'internal-error') continue;
      const line = text.slice(0, x.start).split('\n').length;
      bad.push(`${f}:${line}: ${x.code}: ${x.message}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('corpus mistakes of this kind are caught: selector not matching template labels', () => {
  const { mistakes } = load();
  const wanted = [...mistakes].filter(([, what]) => /selector does not match template labels/.test(what)).map(([f]) => f);
  assert.ok(wanted.length >= 2);
  for (const f of wanted) {
    assert.ok(findingsOf(f).findings.some((x) => x.code === 'selector-mismatch' && x.severity === 'error'), `${f}: selector-mismatch not reported`);
  }
});

test('corpus mistakes of this kind are caught: unmounted claim template, volume shadowed by a claim', () => {
  const { mistakes } = load();
  for (const [f, what] of mistakes) {
    const codes = findingsOf(f).findings.map((x) => x.code);
    if (/volumeClaimTemplate '[^']+' never mounted/.test(what)) assert.ok(codes.includes('claim-template-unmounted'), f);
    if (/pod volume '[^']+' duplicates VCT name/.test(what)) assert.ok(codes.includes('claim-template-shadows-volume'), f);
  }
});
