// Project.checkAll (the CLI's batch check, which keeps files compacted: values, no trees) must give
// exactly the findings of adding every file and then asking each file's findings, fixes and related
// locations included, on every fixture workspace, the real-world corpus and generated mistakes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compactModel, holdsTree, isCompact, parseKey } from '../../server/src/core/compact';
import { parseOne } from '../../server/src/core/parse';
import { buildFileModel } from '../../server/src/core/model';
import { Project } from '../../server/src/core/project';
import { drain } from '../../server/src/core/steps';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/core/settings';
import type { DocRule } from '../../server/src/core/rule';
import type { Finding, Settings } from '../../server/src/core/types';
import { pairs } from '../bench/generate';
import { yamlFilesIn } from '../helpers/fixtures';

const root = join(__dirname, '..', '..');
const corpus = join(root, '..', 'shared', 'corpus', 'files');

interface File {
  uri: string;
  text: string;
}


const read = (paths: string[]): File[] => paths.map((p) => ({ uri: pathToFileURL(p).href, text: readFileSync(p, 'utf8') }));

function classic(files: File[], settings: Settings): Finding[][] {
  const p = new Project(settings);
  for (const f of files) p.setFile(f.uri, f.text);
  return files.map((f) => p.findings(f.uri));
}

function assertSame(files: File[], settings: Settings = DEFAULT_SETTINGS): number {
  const expected = classic(files, settings);
  const actual = new Project(settings).checkAll(files);
  for (let i = 0; i < files.length; i++) assert.deepEqual(actual[i], expected[i], files[i].uri);
  return expected.flat().length;
}

test('every fixture workspace: checkAll equals setFile + findings', () => {
  const dirs: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (!statSync(p).isDirectory()) continue;
      if (e.endsWith('.workspace')) dirs.push(p);
      else walk(p);
    }
  };
  walk(join(root, 'test', 'fixtures'));
  assert.ok(dirs.length >= 5);
  let findings = 0;
  for (const d of dirs) findings += assertSame(read(yamlFilesIn(d)));
  assert.ok(findings > 20, `the workspaces hold mistakes (${findings} findings)`);
});

test('all fixture files as one workspace, and with another Kubernetes version', () => {
  const files = read(yamlFilesIn(join(root, 'test', 'fixtures')));
  assert.ok(assertSame(files) > 100);
  assertSame(files, normalizeSettings({ kubernetesVersion: '1.30', defaultNamespace: 'prod', rules: { 'deprecated-field': 'error' } }));
});

test('the real-world corpus as one workspace', { skip: !existsSync(corpus) && 'shared/corpus not found' }, () => {
  const files = read(yamlFilesIn(corpus));
  assert.ok(files.length >= 100, relative(root, corpus));
  assert.ok(assertSame(files) > 0);
});

// Services whose selectors miss their StatefulSets, in separate files, and a set that refers to a
// Service under a wrong name: fixes and related locations point into the other file.
function crossMistakes(): File[] {
  const services = pairs(20).split('\n---\n').filter((d) => /^kind: Service$/m.test(d)).join('\n---\n').replace(/app: db(\d+)\n(\s+)ports:/g, 'app: other$1\n$2ports:');
  const sets = pairs(20).split('\n---\n').filter((d) => /^kind: StatefulSet$/m.test(d)).join('\n---\n').replace('serviceName: db3\n', 'serviceName: dbb3\n');
  return [{ uri: 'file:///w/services.yaml', text: services }, { uri: 'file:///w/sets.yaml', text: sets + '\n' }];
}

test('unopened files kept compacted (the server\'s workspace index) give the same findings to open ones', () => {
  const [services, sets] = crossMistakes();
  const expected = classic([services, sets], DEFAULT_SETTINGS);
  for (const compacted of [services, sets]) {
    const p = new Project();
    p.setFile(services.uri, services.text);
    p.setFile(sets.uri, sets.text);
    p.compactFile(compacted.uri);
    assert.deepEqual([p.findings(services.uri), p.findings(sets.uri)], expected, compacted.uri);
  }
});

test('cross-file mistakes whose fixes edit other, compacted files', () => {
  // The fixes and related locations point into files that checkAll has compacted by then.
  const files = crossMistakes();
  const n = assertSame(files);
  const codes = new Set(new Project().checkAll(files).flat().map((f) => f.code));
  assert.ok(codes.has('governing-service-selector-mismatch') && codes.has('governing-service-missing'), [...codes].join());
  assert.ok(n >= 20);
});

test('a compacted model re-parses the same tree on demand and keeps values and identities', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\n# only a comment\n---\nkind: ConfigMap\nmetadata: {name: b}\n';
  const model = buildFileModel('file:///x.yaml', text, DEFAULT_SETTINGS.limits);
  const compact = compactModel(model, DEFAULT_SETTINGS.limits);
  assert.equal(compact.docs.length, model.docs.length);
  assert.deepEqual(compact.resources.map((r) => [r.kind, r.name, r.doc.offset, r.value]), model.resources.map((r) => [r.kind, r.name, r.doc.offset, r.value]));
  // The key object of a compact document stands for its parse without parsing it (no parse just to look a
  // cache up), and stays the same once the tree is parsed.
  const keys = compact.docs.map(parseKey);
  assert.ok(compact.docs.every((d) => !holdsTree(d)));
  for (const d of model.docs) assert.equal(parseKey(d), d.yaml);
  for (const [i, r] of compact.resources.entries()) {
    assert.deepEqual(r.root?.toJSON(), model.resources[i].root?.toJSON());
    assert.deepEqual(r.root?.range, model.resources[i].root?.range);
    assert.equal(r.root, r.root, 'parsed once');
  }
  assert.deepEqual(compact.docs.map(parseKey), keys);
  assert.equal(compactModel(compact, DEFAULT_SETTINGS.limits).docs[0], compact.docs[0], 'compacting twice changes nothing');
  assert.equal(compactModel(compact, DEFAULT_SETTINGS.limits), compact, 'a model with nothing to compact is returned as is');
  // compactFile re-indexes a file only when it had something to compact.
  const p = new Project();
  drain(p.setFileSteps('file:///v.yaml', pairs(2), undefined, { treesOnDemand: true }));
  const before = p.getFile('file:///v.yaml');
  p.compactFile('file:///v.yaml');
  assert.equal(p.getFile('file:///v.yaml'), before, 'values-only file: not re-indexed');
  p.setFile('file:///t.yaml', text);
  const parsed = p.getFile('file:///t.yaml');
  p.compactFile('file:///t.yaml');
  assert.notEqual(p.getFile('file:///t.yaml'), parsed, 'a file with trees is compacted');
});

test('editing a file after checkAll reuses its compacted documents correctly', () => {
  const files = read(yamlFilesIn(join(root, 'test', 'fixtures', 'cross', 'claims.workspace')));
  const p = new Project();
  p.checkAll(files);
  // Insert a document in front: every compacted document moves and is reused at its new offset.
  const edited = files.map((f) => ({ ...f, text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: inserted\n---\n${f.text}` }));
  for (const f of edited) p.setFile(f.uri, f.text);
  const expected = classic(edited, DEFAULT_SETTINGS);
  edited.forEach((f, i) => assert.deepEqual(p.findings(f.uri), expected[i], f.uri));
  assert.ok(expected.flat().length > 0);
});

test('checkAll parses documents for their values only, and parses a tree only to report in it', () => {
  const clean = [
    { uri: 'file:///pairs.yaml', text: pairs(20) },
    ...read([join(root, 'examples', 'web.yaml'), join(root, 'examples', 'mysql.yaml')]),
  ];
  const p = new Project();
  assert.deepEqual(p.checkAll(clean).flat().filter((f) => f.severity === 'error'), []);
  const docs = clean.flatMap((f) => p.getFile(f.uri)!.docs);
  assert.ok(docs.length > 40);
  // Every document was taken by the fast parser, and no rule (document or cross-resource) needed a tree.
  for (const d of docs) {
    assert.ok(isCompact(d), `document ${d.index} at ${d.offset} was parsed with its tree`);
    assert.equal(holdsTree(d), false, `a rule parsed the tree of the document at ${d.offset}`);
  }
  // A finding needs its document's tree (to point at the field); the other documents still have none.
  const bad = pairs(3).replace('serviceName: db1', 'servceName: db1');
  const q = new Project();
  const [found] = q.checkAll([{ uri: 'file:///bad.yaml', text: bad }]);
  assert.ok(found.some((f) => f.code === 'unknown-field'));
  const model = q.getFile('file:///bad.yaml')!;
  const withTree = model.docs.filter(holdsTree);
  assert.ok(withTree.length >= 1 && withTree.length < model.docs.length, `${withTree.length} of ${model.docs.length} documents hold trees`);
  // The value-only parse gives the value the full parse gives.
  for (const d of model.docs) assert.deepEqual(d.value, parseOne(d.text, d.index, d.offset, DEFAULT_SETTINGS.limits).value);
});

test('findings of an indexed file kept without trees (the server\'s unopened files) parse a tree only to report in it, and are cached', () => {
  const p = new Project();
  const clean = 'file:///clean.yaml';
  const bad = 'file:///bad.yaml';
  p.setFile(clean, pairs(5));
  p.setFile(bad, pairs(3).replace('serviceName: db1', 'servceName: db1'));
  p.compactFile(clean);
  p.compactFile(bad);
  assert.ok([clean, bad].every((u) => p.getFile(u)!.docs.every((d) => isCompact(d) && !holdsTree(d))));
  assert.deepEqual(p.findings(clean).filter((f) => f.severity === 'error'), []);
  assert.ok(p.getFile(clean)!.docs.every((d) => !holdsTree(d)), 'checking a clean compacted file parsed trees');
  const found = p.findings(bad);
  assert.ok(found.some((f) => f.code === 'unknown-field'), JSON.stringify(found));
  const withTree = p.getFile(bad)!.docs.filter(holdsTree);
  assert.equal(withTree.length, 1, `${withTree.length} documents hold trees`);
  // Asked again at the same settings: the same findings, from the per-document cache.
  assert.deepEqual(p.findings(bad), found);
});

test('an edit above documents parsed for their values moves them without parsing their trees, and keeps their parse', () => {
  // An open file as the server builds it (trees on demand): a line typed into the first document moves every other.
  const uri = 'file:///open.yaml';
  const text = pairs(20).replace('serviceName: db7', 'servceName: db7');
  const p = new Project();
  drain(p.setFileSteps(uri, text, undefined, { treesOnDemand: true }));
  const found = p.findings(uri);
  assert.ok(found.some((f) => f.code === 'unknown-field'));
  const before = p.getFile(uri)!;
  const parsed = before.docs.filter(holdsTree);
  assert.equal(parsed.length, 1, 'only the document with the finding holds its tree');
  drain(p.setFileSteps(uri, `# a comment\n${text}`, undefined, { treesOnDemand: true }));
  const after = p.getFile(uri)!;
  assert.equal(after.docs.length, before.docs.length);
  after.docs.forEach((d, i) => {
    if (i === 0) return;
    assert.equal(d.offset, before.docs[i].offset + '# a comment\n'.length);
    assert.ok(isCompact(d), `document ${i} lost its compact form`);
    // The same parse (so the caches keyed by it hold), the tree only where one was parsed before.
    assert.equal(parseKey(d), parseKey(before.docs[i]));
    assert.equal(holdsTree(d), holdsTree(before.docs[i]), `document ${i}`);
  });
  // The findings of a fresh full analysis of the new text (fixes included).
  const fresh = new Project();
  fresh.setFile(uri, `# a comment\n${text}`);
  assert.deepEqual(p.findings(uri), fresh.findings(uri));
  assert.deepEqual(after.resources.map((r) => [r.kind, r.name, r.doc.offset]), before.resources.map((r, i) => [r.kind, r.name, i ? r.doc.offset + 12 : 0]));
  assert.equal(after.docs.filter(holdsTree).length, 1, 'the findings of the moved documents came from the cache');
  // Their trees, parsed now, point where the full parse does.
  const full = buildFileModel(uri, `# a comment\n${text}`, DEFAULT_SETTINGS.limits);
  after.resources.forEach((r, i) => assert.deepEqual(r.root?.range, full.resources[i].root?.range));
  // Once nobody has the file open (compactFile), the trees parsed on demand go; the findings stay the same.
  assert.ok(after.docs.every(holdsTree));
  p.compactFile(uri);
  assert.ok(p.getFile(uri)!.docs.every((d) => isCompact(d) && !holdsTree(d)));
  assert.deepEqual(p.findings(uri), fresh.findings(uri));
});

test('a rule that throws is reported as internal-error and the rules after it still run, in both paths', () => {
  const thrower = (code: string): DocRule => ({ code, severity: 'error', description: '', kinds: '*', check() { throw new Error(`${code} broke`); } });
  const reporter: DocRule = { code: 'reporter', severity: 'warning', description: '', kinds: '*', check(r, ctx) { ctx.report(r, { path: ['kind'], message: `saw ${r.kind}` }); } };
  const docRules = [thrower('first'), thrower('second'), reporter, thrower('last')];
  const files = [{ uri: 'file:///t.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' }];
  const failed: string[] = [];
  const expect = (found: Finding[]) => {
    assert.deepEqual(found.map((f) => [f.code, f.message.replace(/ and was skipped.*/, '')]), [
      ['internal-error', 'Rule first failed on this document'],
      ['internal-error', 'Rule second failed on this document'],
      ['internal-error', 'Rule last failed on this document'],
      ['reporter', 'saw ConfigMap'],
    ]);
  };
  expect(new Project(DEFAULT_SETTINGS, { docRules, workspaceRules: [], onRuleError: (code) => failed.push(code) }).checkAll(files)[0]);
  assert.deepEqual(failed, ['first', 'second', 'last']);
  const p = new Project(DEFAULT_SETTINGS, { docRules, workspaceRules: [] });
  p.setFile(files[0].uri, files[0].text);
  expect(p.findings(files[0].uri));
});
