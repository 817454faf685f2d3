// The stepwise model build and analysis (what the language server runs in time slices) give exactly
// what the synchronous path gives, also when runs are dropped part-way and resumed from their progress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildFileModelSteps, mergeReusable, type FileModel, type ReusableDocs } from '../../server/src/core/model';
import { Project } from '../../server/src/core/project';
import { DEFAULT_LIMITS, DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/core/settings';
import type { Steps } from '../../server/src/core/steps';
import type { Settings } from '../../server/src/core/types';
import { readExpectations } from '../helpers/fixtures';
import { pairs } from '../bench/generate';

const root = join(__dirname, '..', '..');

/** What a model says, without object identity: compared between the two paths. */
function shape(m: FileModel | undefined) {
  if (!m) return undefined;
  return {
    uri: m.uri,
    textLength: m.text.length,
    problems: m.problems,
    docs: m.docs.map((d) => ({ index: d.index, offset: d.offset, text: d.text, problems: d.problems, templated: d.templated, value: d.value })),
    resources: m.resources.map((r) => ({
      uri: r.uri, doc: m.docs.indexOf(r.doc), apiVersion: r.apiVersion, kind: r.kind, name: r.name, namespace: r.namespace, value: r.value, root: !!r.root,
    })),
  };
}

/** Runs `n` steps (or fewer, when the work ends first); returns the last progress and whether it ended. */
function stepN<T, P>(steps: Steps<T, P>, n: number): { progress?: P; done: boolean; value?: T } {
  let progress: P | undefined;
  for (let i = 0; i < n; i++) {
    const r = steps.next();
    if (r.done) return { progress, done: true, value: r.value };
    progress = r.value;
  }
  return { progress, done: false };
}

function finish<T>(steps: Steps<T, unknown>, between: () => void = () => undefined): { value: T; steps: number } {
  for (let n = 0; ; n++) {
    const r = steps.next();
    if (r.done) return { value: r.value, steps: n };
    // Other work between steps, as the server's event loop does between slices.
    between();
  }
}

/** Sync reference: a fresh project, every file set, then each file's findings. */
function reference(files: [string, string][], settings: Settings) {
  const p = new Project(settings);
  for (const [u, t] of files) p.setFile(u, t);
  return { p, findings: files.map(([u]) => p.findings(u)) };
}

/**
 * Stepwise: each file's build is first dropped after `cut` steps on an edited text, then resumed on the
 * real text from the dropped run's progress; the analysis is dropped after `cut` steps and restarted.
 * Unrelated work (another project analysing the same texts) runs between steps.
 */
function stepwise(files: [string, string][], settings: Settings, cut: number) {
  const p = new Project(settings);
  const noise = new Project(settings);
  let k = 0;
  const between = () => {
    const [u, t] = files[k++ % files.length];
    noise.setFile(u, t);
    noise.findings(u);
  };
  for (const [u, t] of files) {
    // An older version with a document more at the top (every later document moved), completed...
    const older = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n---\n' + t;
    const previous = finish(p.setFileSteps(u, older)).value;
    // ...then a newer one, dropped part-way...
    const edited = t.replace(/name: /, 'name: x').replace(/\n/, '\n# edited\n');
    const dropped = stepN(p.setFileSteps(u, edited), cut);
    if (!dropped.done) assert.equal(p.getFile(u), previous, 'a dropped build must not reach the index');
    // ...and the real text, reusing what both got through.
    const reuse: ReusableDocs | undefined = dropped.progress ? mergeReusable(dropped.progress, p.getFile(u)) : undefined;
    finish(p.setFileSteps(u, t, reuse), between);
  }
  const findings = files.map(([u]) => {
    stepN(p.findingsSteps(u), cut);
    return finish(p.findingsSteps(u), between).value;
  });
  return { p, findings };
}

function assertSame(files: [string, string][], settings: Settings, label: string) {
  const ref = reference(files, settings);
  for (const cut of [1, 3]) {
    const got = stepwise(files, settings, cut);
    files.forEach(([u], i) => {
      assert.deepEqual(shape(got.p.getFile(u)), shape(ref.p.getFile(u)), `${label} (cut ${cut}): model of ${u}`);
      assert.deepEqual(got.findings[i], ref.findings[i], `${label} (cut ${cut}): findings of ${u}`);
      const trees = got.p.getFile(u)!.docs.map((d) => d.yaml);
      assert.equal(new Set(trees).size, trees.length, `${label}: two documents share a parse`);
    });
  }
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const load = (paths: string[]): [string, string][] => paths.map((f) => [pathToFileURL(f).href, readFileSync(f, 'utf8')]);

test('stepwise equals synchronous on every example, analysed together', () => {
  assertSame(load(yamlFiles(join(root, 'examples'))), DEFAULT_SETTINGS, 'examples');
});

test('stepwise equals synchronous on every fixture (workspace fixtures analysed together)', () => {
  const groups = new Map<string, string[]>();
  for (const f of yamlFiles(join(root, 'test', 'fixtures'))) {
    const ws = /^(.*\.workspace)\//.exec(f);
    const key = ws ? ws[1] : f;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  assert.ok(groups.size > 50, `only ${groups.size} fixture groups`);
  for (const [name, paths] of groups) {
    const files = load(paths);
    let settings: Record<string, unknown> = {};
    for (const [, t] of files) settings = { ...settings, ...readExpectations(t).settings };
    assertSame(files, normalizeSettings(settings), name);
  }
});

/** Many documents, with the awkward kinds of chunk: broken, templated, blank, repeated, after `...`. */
function generated(n: number): string {
  const extra = [
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: broken\ndata: {a: 1}\n',
    '# only a comment\n',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: twice\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: twice\n...\n',
    '- a list\n- not a mapping\n',
  ];
  return [pairs(n), ...extra, pairs(3, 1), extra[3]].join('---\n');
}

test('stepwise equals synchronous on a generated file of many documents, with other files around', () => {
  const files: [string, string][] = [
    ['file:///gen/big.yaml', generated(150)],
    ['file:///gen/services.yaml', pairs(5, 140)],
    ['file:///gen/other.yaml', generated(10)],
  ];
  assertSame(files, DEFAULT_SETTINGS, 'generated');
});

test('each step parses at most one document; an edit of one document takes few steps', () => {
  const text = pairs(40);
  const p = new Project();
  const fresh = finish(p.setFileSteps('file:///s.yaml', text));
  assert.ok(fresh.steps >= fresh.value.docs.length, `${fresh.steps} steps for ${fresh.value.docs.length} parsed documents`);
  const edited = text.replace('replicas: 3', 'replicas: 4');
  const edit = finish(p.setFileSteps('file:///s.yaml', edited));
  assert.ok(edit.steps <= 2, `${edit.steps} steps to re-parse one document`);
  // The analysis re-runs the rules of the changed document only; the others come from the cache.
  const first = finish(p.findingsSteps('file:///s.yaml'));
  const again = finish(p.findingsSteps('file:///s.yaml'));
  assert.ok(first.steps > again.steps, `${first.steps} then ${again.steps} steps`);
  assert.deepEqual(again.value, first.value);
});

test('a document over limits.maxDocumentBytes is reported and skipped; the other documents are analysed', () => {
  const settings: Settings = { ...DEFAULT_SETTINGS, limits: { ...DEFAULT_LIMITS, maxDocumentBytes: 4000 } };
  const huge = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  k: |\n' + '    line\n'.repeat(1000);
  const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: nowhere\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n';
  const text = `${sts}---\n${huge}---\n${sts.replace('name: web', 'name: db')}`;
  const p = new Project(settings);
  const model = p.setFile('file:///d.yaml', text);
  assert.deepEqual(model.resources.map((r) => r.name), ['web', 'db']);
  const f = p.findings('file:///d.yaml');
  const big = f.filter((x) => x.code === 'yaml-too-large');
  assert.equal(big.length, 1, JSON.stringify(f.map((x) => x.code)));
  assert.equal(big[0].start, text.indexOf('---\napiVersion: v1\nkind: ConfigMap'));
  assert.equal(big[0].severity, 'info');
  assert.match(big[0].message, /larger than/);
  // Both StatefulSets are still checked (their Service is missing).
  assert.equal(f.filter((x) => x.code === 'governing-service-missing').length, 2);
  // The default limit leaves a normal document alone.
  const dflt = new Project();
  dflt.setFile('file:///d.yaml', text);
  assert.ok(!dflt.findings('file:///d.yaml').some((x) => x.code === 'yaml-too-large'));
});

test('a dropped build leaves the index alone and its parses are reused by the next build', () => {
  const text = pairs(20);
  const p = new Project();
  const run = p.setFileSteps('file:///r.yaml', text);
  const { progress } = stepN(run, 10);
  assert.ok(progress && progress.docs.length >= 5);
  assert.equal(p.getFile('file:///r.yaml'), undefined);
  const next = finish(p.setFileSteps('file:///r.yaml', text, mergeReusable(progress!, undefined)));
  // Documents parsed by the dropped run are not parsed again.
  assert.ok(next.steps <= 40 - progress!.docs.length + 1, `${next.steps} steps`);
  for (let i = 0; i < progress!.docs.length; i++) assert.equal(next.value.docs[i].yaml, progress!.docs[i].yaml);
  assert.equal(p.getFile('file:///r.yaml'), next.value);
});

test('a document parse is offered once for reuse, so repeated documents never share a tree', () => {
  const d = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n';
  const x = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
  // Every chunk starts with its marker, so a chunk's text does not depend on its position.
  const p = new Project();
  const previous = p.setFile('file:///t.yaml', [x, d, d].map((t) => `---\n${t}`).join(''));
  const y = x.replace('name: x', 'name: y');
  // A run on `d, d, y, x` reuses both parses of `d` (moved), parses `y`, then is dropped.
  const { progress, done } = stepN(p.setFileSteps('file:///t.yaml', [d, d, y, x].map((t) => `---\n${t}`).join('')), 2);
  assert.ok(!done);
  assert.equal(progress!.docs.length, 3);
  const pool = mergeReusable(progress!, previous);
  const trees = pool.docs.map((doc) => doc.yaml);
  assert.equal(new Set(trees).size, trees.length, 'a parse is offered twice');
  assert.ok(pool.docs.some((doc) => doc.yaml === previous.docs[0].yaml), 'the unreached `x` is offered too');
  const model = finish(p.setFileSteps('file:///t.yaml', [d, d, d, x].map((t) => `---\n${t}`).join(''), pool)).value;
  const used = model.docs.map((doc) => doc.yaml);
  assert.equal(new Set(used).size, 4);
  assert.equal(model.docs[3].yaml, previous.docs[0].yaml);
  assert.deepEqual(p.findings('file:///t.yaml'), reference([['file:///t.yaml', [d, d, d, x].map((t) => `---\n${t}`).join('')]], DEFAULT_SETTINGS).findings[0]);
});

test('buildFileModelSteps hands out its progress in file order', () => {
  const seen: number[] = [];
  const steps = buildFileModelSteps('file:///o.yaml', pairs(4), DEFAULT_LIMITS);
  for (let r = steps.next(); !r.done; r = steps.next()) seen.push(r.value.docs.length);
  assert.deepEqual(seen, [...seen].sort((a, b) => a - b));
  assert.ok(seen.at(-1)! >= 7);
});
