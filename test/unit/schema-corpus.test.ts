// Every corpus manifest not listed in MISTAKES.tsv must pass the schema rules: no false positives on real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project } from '../../server/src/core/project';
import { normalizeSettings } from '../../server/src/core/settings';

const repoRoot = join(__dirname, '..', '..');
// CI checks the repo out next to shared/ (../shared relative to the repo).
const corpus = join(repoRoot, '..', 'shared', 'corpus');
const SCHEMA_CODES = new Set(['unknown-field', 'invalid-type', 'invalid-enum', 'missing-required', 'unknown-kind', 'api-version', 'missing-kind-or-api-version']);

function tsvColumn(file: string): Map<string, string> {
  const rows = readFileSync(join(corpus, file), 'utf8').split('\n').slice(1).filter(Boolean);
  return new Map(rows.map((r) => [r.split('\t')[0], r.split('\t').slice(-1)[0]]));
}

test('the shared corpus is present', () => {
  assert.ok(existsSync(join(corpus, 'files')), `corpus not found at ${corpus}: the schema corpus test cannot run`);
});

test('valid corpus files produce no schema errors', () => {
  const mistakes = tsvColumn('MISTAKES.tsv');
  const notes = tsvColumn('SOURCES.tsv');
  const files = readdirSync(join(corpus, 'files')).filter((f) => !mistakes.has(f)).sort();
  assert.ok(files.length > 50, `only ${files.length} valid corpus files`);
  const problems: string[] = [];
  for (const f of files) {
    const path = join(corpus, 'files', f);
    const uri = pathToFileURL(path).href;
    const project = new Project(normalizeSettings({}));
    project.setFile(uri, readFileSync(path, 'utf8'));
    for (const x of project.findings(uri)) {
      if (!SCHEMA_CODES.has(x.code)) continue;
      // Old manifests under apps/v1beta1/v1beta2 were valid when written; the corpus notes mark them, and
      // today's API server does not serve those versions, which is exactly what api-version says.
      if (x.code === 'api-version' && /no longer served/.test(x.message) && /deprecated apps\/v1beta/.test(notes.get(f) ?? '')) continue;
      problems.push(`${f}: ${x.code}: ${x.message}`);
    }
    for (const x of project.findings(uri)) if (x.code === 'internal-error') problems.push(`${f}: ${x.message}`);
  }
  assert.deepEqual(problems, []);
});

test('the corpus mistakes the schema can see are found', () => {
  const find = (file: string, code: string) => {
    const path = join(corpus, 'files', file);
    const project = new Project(normalizeSettings({}));
    const uri = pathToFileURL(path).href;
    project.setFile(uri, readFileSync(path, 'utf8'));
    return project.findings(uri).filter((x) => x.code === code);
  };
  assert.equal(find('zegl__kube-score__score__testdata__statefulset-host-antiaffinity-required.yaml', 'unknown-field').length, 1);
  assert.equal(find('kubernetes__kubernetes__test__e2e__testing-manifests__statefulset__etcd__statefulset.yaml', 'missing-required').length, 1);
  assert.equal(find('zegl__kube-score__score__testdata__statefulset-appsv1beta1.yaml', 'api-version').length, 1);
  assert.equal(find('rabbitmq__diy-kubernetes-examples__gke__statefulset.yaml', 'deprecated-field').length, 1);
});
