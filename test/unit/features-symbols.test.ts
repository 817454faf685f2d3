// Document symbols: one per resource, children for containers, claim templates, Service ports and ConfigMap keys;
// workspace symbols: resources of every file by name.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols, prepareSymbol, symbolsPending, workspaceSymbols } from '../../server/src/core/features/symbols';
import { holdsTree } from '../../server/src/core/compact';
import { Project } from '../../server/src/core/project';
import { drain } from '../../server/src/core/steps';
import { pairs } from '../bench/generate';
import { PAIR } from '../protocol/helpers/manifests';

const URI = 'file:///t/s.yaml';

function symbols(text: string) {
  const p = new Project();
  p.setFile(URI, text);
  return documentSymbols(p, URI);
}

describe('document symbols', () => {
  it('names resources `Kind name` with the name as selection and the document as range', () => {
    const s = symbols(PAIR);
    assert.deepEqual(s.map((x) => x.name), ['Service nginx', 'StatefulSet web']);
    const sts = s[1];
    const nameAt = PAIR.indexOf('web', PAIR.indexOf('kind: StatefulSet'));
    assert.deepEqual([sts.selectionStart, sts.selectionEnd], [nameAt, nameAt + 3]);
    assert.ok(sts.start <= PAIR.indexOf('apiVersion: apps/v1') && sts.end >= PAIR.indexOf('storage: 1Gi'));
    for (const x of s) assert.ok(x.start <= x.selectionStart && x.selectionEnd <= x.end);
  });

  it('lists containers with their image and claim templates with their size', () => {
    const sts = symbols(PAIR)[1];
    assert.deepEqual(sts.children.map((c) => [c.name, c.kind, c.detail]), [
      ['nginx', 'container', 'registry.k8s.io/nginx-slim:0.8'],
      ['www', 'claim', 'claim template, 1Gi'],
    ]);
    for (const c of sts.children) assert.ok(sts.start <= c.start && c.end <= sts.end && c.start <= c.selectionStart && c.selectionEnd <= c.end);
  });

  it('lists Service ports and ConfigMap keys; tolerates unnamed and kindless documents', () => {
    const s = symbols(`${PAIR}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: ops\ndata:\n  a.conf: x\n  b: y\n---\nfoo: bar\n---\nkind: Service\n`);
    assert.deepEqual(s[0].children.map((c) => c.name), ['web']);
    assert.equal(s[2].name, 'ConfigMap cfg');
    assert.equal(s[2].detail, 'namespace ops');
    assert.deepEqual(s[2].children.map((c) => c.name), ['a.conf', 'b']);
    assert.equal(s[3].name, 'Service (unnamed)');
    assert.equal(s.length, 4);
  });
});

describe('document symbols of a file whose trees are parsed on demand (an open file in the server)', () => {
  const open = (p: Project, text: string) => drain(p.setFileSteps(URI, text, p.getFile(URI), { treesOnDemand: true }));

  it('keep no tree: each entry is made once per document parse, and follows the document when an edit moves it', () => {
    const text = pairs(5);
    const p = new Project();
    open(p, text);
    const model = p.getFile(URI)!;
    assert.equal(symbolsPending(model).length, 10);
    for (const r of symbolsPending(model).slice(0, 4)) prepareSymbol(r);
    assert.equal(symbolsPending(model).length, 6);
    const outline = documentSymbols(p, URI);
    assert.deepEqual(symbolsPending(model), []);
    assert.ok(model.docs.every((d) => !holdsTree(d)), 'the outline kept a tree');
    assert.deepEqual(outline, symbols(text), 'not the outline of the file parsed whole');
    // A line typed into the first document moves every later one: their entries are reused, at their new places.
    const edited = text.replace('  name: db0\n', '  name: db0\n  namespace: ops\n');
    open(p, edited);
    const moved = p.getFile(URI)!;
    assert.deepEqual(symbolsPending(moved).map((r) => r.doc.index), [0], 'only the edited document needs a new entry');
    assert.deepEqual(documentSymbols(p, URI), symbols(edited));
    assert.equal(documentSymbols(p, URI)[0].detail, 'namespace ops');
  });
});

describe('symbols on hostile text', () => {
  // Found by the long fuzz (seed 2002): a document end computed with /\s+$/ backtracked quadratically
  // over a long inner run of spaces (~40 s for this input). A hang bound, not a speed test.
  it('a long inner run of white space does not stall the outline', { timeout: 10_000 }, () => {
    const p = new Project();
    const text = 'kind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "x' + ' '.repeat(300_000) + 'y"\n';
    p.setFile(URI, text);
    const [cm] = documentSymbols(p, URI);
    assert.equal(cm.name, 'ConfigMap c');
    assert.ok(cm.end <= text.length);
  });
});

describe('workspace symbols', () => {
  function workspace() {
    const p = new Project();
    p.setFile('file:///t/a.yaml', PAIR);
    p.setFile('file:///t/b.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-admin\n  namespace: ops\n---\napiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: www-0\n---\nkind: Deployment\nmetadata: {name: worker}\n---\nfoo: bar\n');
    return p;
  }

  it('finds resources of every file by name, exact and prefix matches first', () => {
    const found = workspaceSymbols(workspace(), 'web');
    assert.deepEqual(found.map((s) => [s.name, s.container, s.uri]), [
      ['web', 'StatefulSet · default', 'file:///t/a.yaml'],
      ['web-admin', 'Service · ops', 'file:///t/b.yaml'],
    ]);
    const at = PAIR.indexOf('web', PAIR.indexOf('kind: StatefulSet'));
    assert.deepEqual([found[0].start, found[0].end], [at, at + 3]);
  });

  it('matches the query characters in order, ignoring case; cluster-scoped kinds show no namespace', () => {
    const p = workspace();
    assert.deepEqual(workspaceSymbols(p, 'W0').map((s) => [s.name, s.container]), [['www-0', 'PersistentVolume']]);
    assert.deepEqual(workspaceSymbols(p, 'WRK').map((s) => s.name), ['worker']);
    assert.deepEqual(workspaceSymbols(p, 'nope'), []);
  });

  it('an empty query lists every named resource, up to the limit; unopened (compacted) files too', () => {
    const p = workspace();
    p.compactFile('file:///t/b.yaml');
    const all = workspaceSymbols(p, '');
    assert.deepEqual(all.map((s) => s.name), ['nginx', 'web', 'web-admin', 'worker', 'www-0']);
    const b = readFileText(p, 'file:///t/b.yaml');
    const admin = all.find((s) => s.name === 'web-admin')!;
    assert.equal(b.slice(admin.start, admin.end), 'web-admin');
    assert.equal(workspaceSymbols(p, '', 2).length, 2);
    // The unopened file's trees were parsed for the answer and dropped: the index keeps values only.
    assert.ok(p.getFile('file:///t/b.yaml')!.docs.every((d) => !holdsTree(d)));
  });
});

function readFileText(p: Project, uri: string): string {
  return p.getFile(uri)!.text;
}
