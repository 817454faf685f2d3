import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitDocuments } from '../../server/src/core/parse';
import { Project } from '../../server/src/core/project';

test('splitDocuments cuts at column-0 markers only', () => {
  const text = 'a: 1\n---\nb: |\n  ---\n---\nc: 3\n';
  const chunks = splitDocuments(text).map((c) => text.slice(c.start, c.end));
  assert.deepEqual(chunks, ['a: 1\n', '---\nb: |\n  ---\n', '---\nc: 3\n']);
});

test('syntax errors become findings and later documents are still modelled', () => {
  const p = new Project();
  const m = p.setFile('file:///a.yaml', 'kind: [\n---\nkind: Service\nmetadata: {name: x}\n');
  assert.equal(m.resources.length, 2);
  assert.equal(m.resources[1].kind, 'Service');
  const f = p.findings('file:///a.yaml');
  assert.ok(f.some((x) => x.code === 'yaml-syntax' && x.start < 9), JSON.stringify(f));
});

test('unchanged documents are reused on re-parse', () => {
  const p = new Project();
  const a = p.setFile('file:///a.yaml', 'kind: A\n---\nkind: B\n');
  const b = p.setFile('file:///a.yaml', 'kind: A2\n---\nkind: B\n');
  assert.equal(a.docs[1].yaml, b.docs[1].yaml);
  assert.notEqual(a.docs[0].yaml, b.docs[0].yaml);
  assert.equal(b.docs[1].offset, 9);
});

test('alias bombs are refused with a finding instead of expanding', () => {
  const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]'];
  for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
  const p = new Project();
  p.setFile('file:///bomb.yaml', 'kind: ConfigMap\n' + bomb.join('\n') + '\n');
  assert.ok(p.findings('file:///bomb.yaml').some((f) => f.code === 'yaml-alias-limit'));
});

test('a document with Go/Helm template lines is skipped unparsed; one whose directives break its YAML is skipped after the parse', () => {
  const p = new Project();
  const chart = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n{{- if .Values.persistence }}\n  volumeClaimTemplates: [\n{{- end }}\n';
  const inline = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-db\n';
  const quoted = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: "{{ .Values.name }}"\n';
  const m = p.setFile('file:///chart.yaml', [chart, inline, quoted].join('---\n'));
  assert.deepEqual(m.docs.map((d) => d.templated), [true, true, false]);
  // The template lines' document has no tree: nothing reads a skipped document's.
  assert.equal(m.docs[0].yaml.contents, null);
  assert.notEqual(m.docs[1].yaml.contents, null);
  assert.deepEqual(m.docs.map((d) => d.problems.length), [0, 0, 0]);
  assert.deepEqual(m.resources.map((r) => r.name), ['{{ .Values.name }}']);
  // The quoted one is a Service like any other: no template is skipped that is valid YAML without rendering.
  assert.ok(p.findings('file:///chart.yaml').every((f) => f.start >= m.docs[2].offset), JSON.stringify(p.findings('file:///chart.yaml')));
});

test('the yaml path reports every syntax error and leaves Error.stackTraceLimit as it found it', () => {
  const before = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 7;
    const p = new Project();
    p.setFile('file:///broken.yaml', 'kind: Service\nmetadata: {name: [a, {b: \nspec: [\n');
    const f = p.findings('file:///broken.yaml');
    assert.ok(f.filter((x) => x.code === 'yaml-syntax').length >= 2, JSON.stringify(f));
    assert.ok(f.every((x) => x.message.length > 0));
    assert.equal(Error.stackTraceLimit, 7);
  } finally {
    Error.stackTraceLimit = before;
  }
});

test('an alias names the last anchor of its name before it; one before any is unresolved', () => {
  const p = new Project();
  const m = p.setFile('file:///a.yaml', 'a: &x 1\nb: *x\nc: &x [2]\nd: *x\n---\ne: *y\nf: &y 3\n---\n? *z\n: 1\n---\nk: &z [1]\n*z : 2\n');
  assert.deepEqual(m.docs[0].value, { a: 1, b: 1, c: [2], d: [2] });
  const f = p.findings('file:///a.yaml');
  const at = (doc: number) => f.filter((x) => x.start >= m.docs[doc].offset && x.start < m.docs[doc].offset + m.docs[doc].text.length).map((x) => x.message);
  assert.ok(at(1).some((x) => /Unresolved alias/.test(x)), JSON.stringify(f));
  assert.ok(at(2).some((x) => /alias|Unresolved/i.test(x)), JSON.stringify(f));
  // A key that is an alias of a sequence: a collection key, which the API server rejects.
  assert.ok(at(3).some((x) => /mapping key that is itself a list or mapping/.test(x)), JSON.stringify(at(3)));
});
