// Document symbols: one per resource, children for containers, claim templates, Service ports and ConfigMap keys.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { Project } from '../../server/src/core/project';
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
