// Completion, code actions, go to definition, references and rename through the protocol.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient, position, type Range } from './helpers/client';
import { PAIR, SERVICE, STATEFULSET } from './helpers/manifests';

/** Applies LSP text edits (line/character ranges) to `text`. */
function applyLsp(text: string, edits: { range: Range; newText: string }[]): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => off(b.range.start) - off(a.range.start))
    .reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}

function items(result: any): any[] {
  return Array.isArray(result) ? result : result?.items ?? [];
}

describe('authoring features through the protocol', () => {
  let client: TestClient;
  const svcUri = 'file:///virtual/service.yaml';
  const stsUri = 'file:///virtual/statefulset.yaml';
  before(async () => {
    client = await TestClient.start();
    const v1 = client.open(svcUri, SERVICE);
    const v2 = client.open(stsUri, STATEFULSET);
    await client.waitForDiagnostics(svcUri, v1);
    await client.waitForDiagnostics(stsUri, v2);
  });
  after(async () => {
    await client.stop();
  });

  it('completes a field name while typing half a key, as a snippet with a text edit', async () => {
    const uri = 'file:///virtual/typing.yaml';
    const text = STATEFULSET.replace('  serviceName: nginx\n', '  serv\n');
    client.open(uri, text);
    const list = items(await client.completion(uri, position(text, '  serv\n', 6)));
    const sn = list.find((i) => i.label === 'serviceName');
    assert.ok(sn, list.map((i) => i.label).join());
    assert.equal(sn.insertTextFormat, 2);
    assert.equal(sn.textEdit.newText, 'serviceName: $1');
    assert.deepEqual(sn.textEdit.range, { start: position(text, 'serv\n'), end: position(text, 'serv\n', 4) });
    assert.ok(!list.some((i) => i.label === 'replicas'), 'present keys are not offered');
    client.close(uri);
  });

  it('completes serviceName with the headless Service from the other file', async () => {
    const uri = 'file:///virtual/typing2.yaml';
    const text = STATEFULSET.replace('serviceName: nginx', 'serviceName: ');
    client.open(uri, text);
    const list = items(await client.completion(uri, position(text, 'serviceName: ', 13)));
    assert.deepEqual(list.map((i) => i.label), ['nginx']);
    assert.match(list[0].detail, /headless/);
    client.close(uri);
  });

  it('completes volumeMount names from the claim templates (indented sequences)', async () => {
    const uri = 'file:///virtual/typing3.yaml';
    const text = STATEFULSET.replace('- name: www\n', '- name: w\n');
    client.open(uri, text);
    const list = items(await client.completion(uri, position(text, '- name: w\n', 9)));
    assert.deepEqual(list.map((i) => i.label), ['www']);
    client.close(uri);
  });

  it('goes from serviceName to the Service in the other file', async () => {
    const defs = await client.definition(stsUri, position(STATEFULSET, 'serviceName: nginx', 15));
    const list = Array.isArray(defs) ? defs : [defs];
    assert.equal(list.length, 1);
    assert.equal(list[0].uri, svcUri);
    assert.deepEqual(list[0].range, { start: position(SERVICE, 'name: nginx', 6), end: position(SERVICE, 'name: nginx', 11) });
  });

  it('finds the references of the Service and of a claim template', async () => {
    const refs = (await client.references(svcUri, position(SERVICE, 'name: nginx', 7), false)) ?? [];
    assert.deepEqual(refs.map((r) => r.uri), [stsUri]);
    assert.deepEqual(refs[0].range.start, position(STATEFULSET, 'serviceName: nginx', 13));
    const claim = (await client.references(stsUri, position(STATEFULSET, 'name: www', 7, 1), true)) ?? [];
    assert.equal(claim.length, 2);
  });

  it('renames the Service across files after prepareRename', async () => {
    const at = position(SERVICE, 'name: nginx', 8);
    const prep = await client.prepareRename(svcUri, at);
    assert.equal(prep.placeholder, 'nginx');
    assert.deepEqual(prep.range, { start: position(SERVICE, 'name: nginx', 6), end: position(SERVICE, 'name: nginx', 11) });
    assert.equal(await client.prepareRename(svcUri, position(SERVICE, 'clusterIP', 2)), null);
    const edit = await client.rename(svcUri, at, 'nginx-headless');
    const changes = edit.changes ?? Object.fromEntries((edit.documentChanges ?? []).map((d: any) => [d.textDocument.uri, d.edits]));
    assert.deepEqual(Object.keys(changes).sort(), [stsUri, svcUri].sort());
    assert.match(applyLsp(STATEFULSET, changes[stsUri]), /serviceName: nginx-headless\n/);
    assert.match(applyLsp(SERVICE, changes[svcUri]), /name: nginx-headless\n/);
  });

  it('refuses a rename to a name the API server would reject, with the reason', async () => {
    const at = position(SERVICE, 'name: nginx', 8);
    await assert.rejects(client.rename(svcUri, at, 'Nginx_Headless'), (e: Error) => /A Service name must consist of lower case/.test(e.message));
    await assert.rejects(client.rename(svcUri, at, '9nginx'), (e: Error) => /start with a letter/.test(e.message));
    // A valid name still renames.
    const edit = await client.rename(svcUri, at, 'nginx-2');
    assert.ok(edit && (edit.changes ?? edit.documentChanges));
  });

  it('offers the rule fix for a diagnostic, and applying it clears the diagnostic', async () => {
    const uri = 'file:///virtual/fix.yaml';
    const text = PAIR.replace('          image: registry.k8s.io/nginx-slim:0.8\n', '          image: registry.k8s.io/nginx-slim:0.8\n          imagePullPolicy: always\n');
    const v = client.open(uri, text);
    const diags = await client.waitForDiagnostics(uri, v);
    const d = diags.find((x) => x.code === 'invalid-enum');
    assert.ok(d, JSON.stringify(diags.map((x) => x.code)));
    const actions = (await client.codeActions(uri, d.range, [d])) ?? [];
    const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyLsp(text, fix.edit.changes[uri]);
    assert.match(fixed, /imagePullPolicy: Always/);
    const v2 = client.change(uri, fixed);
    const after = await client.waitForDiagnostics(uri, v2);
    assert.ok(!after.some((x) => x.code === 'invalid-enum'), JSON.stringify(after.map((x) => x.code)));
    client.close(uri);
  });

  it('moves an env variable above the value that refers to it: a two-edit fix as one workspace edit', async () => {
    const uri = 'file:///virtual/env-order.yaml';
    const env = `          env:
            - name: PEER_URL
              value: http://$(POD_NAME).nginx:80
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
`;
    const text = STATEFULSET.replace('          ports:\n', `${env}          ports:\n`);
    const v = client.open(uri, text);
    const diags = await client.waitForDiagnostics(uri, v);
    const d = diags.find((x) => x.code === 'env-reference-order');
    assert.ok(d, JSON.stringify(diags.map((x) => x.code)));
    assert.deepEqual(d.range.start, position(text, '$(POD_NAME)'));
    const actions = (await client.codeActions(uri, d.range, [d])) ?? [];
    const fix = actions.find((a) => a.title === 'Move POD_NAME before PEER_URL');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.edit.changes[uri].length, 2);
    const fixed = applyLsp(text, fix.edit.changes[uri]);
    assert.match(fixed, /env:\n {12}- name: POD_NAME\n(?: {14,}.*\n){3} {12}- name: PEER_URL\n {14}value: http:\/\/\$\(POD_NAME\)\.nginx:80\n {10}ports:/);
    const v2 = client.change(uri, fixed);
    const after = await client.waitForDiagnostics(uri, v2);
    assert.ok(!after.some((x) => String(x.code).startsWith('env-reference')), JSON.stringify(after.map((x) => x.code)));
    client.close(uri);
  });

  it('offers fix-all for two findings of one kind, and it clears both', async () => {
    const uri = 'file:///virtual/fixall.yaml';
    const text = STATEFULSET.replace(
      '          image: registry.k8s.io/nginx-slim:0.8\n',
      '          image: registry.k8s.io/nginx-slim:0.8\n          imagePullPolicy: always\n        - name: side\n          image: busybox\n          imagePullPolicy: never\n',
    );
    const v = client.open(uri, text);
    const diags = (await client.waitForDiagnostics(uri, v)).filter((x) => x.code === 'invalid-enum');
    assert.equal(diags.length, 2, JSON.stringify(diags));
    const actions = (await client.codeActions(uri, diags[0].range, [diags[0]])) ?? [];
    const all = actions.find((a) => /^Fix all 'invalid-enum'/.test(a.title));
    assert.ok(all, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyLsp(text, all.edit.changes[uri]);
    assert.match(fixed, /imagePullPolicy: Always[\s\S]*imagePullPolicy: Never/);
    const v2 = client.change(uri, fixed);
    assert.ok(!(await client.waitForDiagnostics(uri, v2)).some((x) => x.code === 'invalid-enum'));
    client.close(uri);
  });

  it('renames a claim template and its volumeMount together', async () => {
    const at = position(STATEFULSET, 'name: www', 7, 1);
    const edit = await client.rename(stsUri, at, 'content');
    const out = applyLsp(STATEFULSET, edit.changes[stsUri]);
    assert.equal(out.split('name: content').length - 1, 2);
    assert.ok(!out.includes('www'));
  });

  it('offers the convert-to-headless refactor on a ClusterIP Service', async () => {
    const uri = 'file:///virtual/clusterip.yaml';
    const text = SERVICE.replace('  clusterIP: None\n', '');
    client.open(uri, text);
    const at = position(text, 'name: nginx', 7);
    const actions = (await client.codeActions(uri, { start: at, end: at }, [], ['refactor'])) ?? [];
    const r = actions.find((a) => /headless/.test(a.title));
    assert.ok(r, JSON.stringify(actions.map((a) => a.title)));
    assert.match(applyLsp(text, r.edit.changes[uri]), /clusterIP: None/);
    client.close(uri);
  });
});

describe('completion for a client without snippet support', () => {
  let client: TestClient;
  after(async () => {
    await client?.stop();
  });

  it('inserts plain `name: ` text', async () => {
    client = await TestClient.start({ capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } } });
    const uri = 'file:///virtual/plain.yaml';
    const text = STATEFULSET.replace('  serviceName: nginx\n', '  \n');
    client.open(uri, text);
    const list = items(await client.completion(uri, position(text, '  \n', 2)));
    assert.ok(list.length > 3);
    for (const i of list) {
      assert.notEqual(i.insertTextFormat, 2, i.label);
      assert.equal(i.textEdit?.newText ?? i.insertText, `${i.label}: `);
    }
  });
});
