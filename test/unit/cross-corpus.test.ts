// The cross-resource rules against the real-world corpus (shared/corpus): each repository's files
// are analysed together as one workspace, and the serviceName mistakes listed in MISTAKES.tsv must
// be reported, while files without a listed mistake get no cross-resource warning or error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from '../../server/src/core/project';
import { normalizeSettings } from '../../server/src/core/settings';
import { WORKSPACE_RULES } from '../../server/src/core/rules';
import type { Finding } from '../../server/src/core/types';

const repoRoot = join(__dirname, '..', '..');
const corpus = join(repoRoot, '..', 'shared', 'corpus');
const CROSS = new Set(WORKSPACE_RULES.map((r) => r.code));

function tsv(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(join(corpus, file), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

/** Which finding code a MISTAKES.tsv description of a serviceName mistake calls for. */
function expectedCode(mistake: string): string | undefined {
  if (/serviceName points at (NodePort|ClusterIP)|is not headless/.test(mistake)) return 'governing-service-not-headless';
  if (/governing Service .* selector does not match/.test(mistake)) return 'governing-service-selector-mismatch';
  if (/serviceName '[^']+' (has no|without)|serviceName '[^']+' but Service is named|serviceName '[^']+' without Service|Service '[^']+' namespace \S+ != StatefulSet namespace/.test(mistake)) return 'governing-service-missing';
  return undefined;
}

interface Analysed {
  file: string;
  findings: Finding[];
}

function analyseCorpus(): Analysed[] {
  if (!existsSync(join(corpus, 'SOURCES.tsv'))) throw new Error(`corpus not found at ${corpus}: it is expected beside the repository (shared/corpus)`);
  const sources = tsv('SOURCES.tsv');
  const mistakes = new Map(tsv('MISTAKES.tsv').map((m) => [m.file, m.mistake]));
  // Linter test fixtures are independent cases that reuse the same names: each is its own workspace.
  const groups = new Map<string, Record<string, string>[]>();
  for (const s of sources) {
    const key = /INTENTIONAL linter fixture/.test(mistakes.get(s.file) ?? '') ? `${s.repo}#${s.file}` : s.repo;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out: Analysed[] = [];
  for (const list of groups.values()) {
    const project = new Project(normalizeSettings({}));
    const uri = (s: Record<string, string>) => `file:///corpus/${s.repo}/${s.path}`;
    for (const s of list) project.setFile(uri(s), readFileSync(join(corpus, 'files', s.file), 'utf8'));
    for (const s of list) out.push({ file: s.file, findings: project.findings(uri(s)).filter((f) => CROSS.has(f.code)) });
  }
  return out;
}

const results = analyseCorpus();
const byFile = new Map(results.map((r) => [r.file, r.findings]));
const mistakes = tsv('MISTAKES.tsv');

test('the corpus is there and every file was analysed', () => {
  assert.ok(results.length >= 100, `only ${results.length} corpus files`);
});

test('every serviceName mistake of MISTAKES.tsv is reported with the right code', () => {
  const expected = mistakes.map((m) => ({ file: m.file, code: expectedCode(m.mistake), mistake: m.mistake })).filter((e) => e.code);
  assert.ok(expected.length >= 12, `expected at least 12 serviceName mistakes, parsed ${expected.length}`);
  const missed = expected.filter((e) => !(byFile.get(e.file) ?? []).some((f) => f.code === e.code && f.severity !== 'info'));
  assert.deepEqual(missed.map((e) => `${e.file}: ${e.code} (${e.mistake})`), []);
});

test('no cross-resource error anywhere, and no cross-resource warning on files without a listed mistake', () => {
  const listed = new Set(mistakes.map((m) => m.file));
  const bad = results.flatMap((r) =>
    r.findings.filter((f) => f.severity === 'error' || (f.severity === 'warning' && !listed.has(r.file))).map((f) => `${r.file}: ${f.severity} ${f.code}: ${f.message}`),
  );
  assert.deepEqual(bad, []);
});

test('the mistakes that are not about serviceName get no governing-Service finding they did not ask for', () => {
  const governing = /^governing-service-/;
  const unexpected = mistakes
    .filter((m) => !expectedCode(m.mistake) && !/serviceName|Service/.test(m.mistake))
    .flatMap((m) => (byFile.get(m.file) ?? []).filter((f) => governing.test(f.code) && f.severity !== 'info').map((f) => `${m.file}: ${f.code}: ${f.message}`));
  assert.deepEqual(unexpected, []);
});
