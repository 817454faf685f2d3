// Push diagnostics over stdio: codes, ranges, source, versions, unknown kinds, close, broken input.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TIMEOUT, SERVER_JS, TestClient, hoverText, position, withTimeout } from './helpers/client';
import { BROKEN, DEPLOYMENT, PAIR, SERVICE, STATEFULSET } from './helpers/manifests';

describe('push diagnostics', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('reports a YAML syntax error with our source, code and range, for the version sent', async () => {
    const uri = 'file:///virtual/broken.yaml';
    const v = client.open(uri, BROKEN);
    const diags = await client.waitForDiagnostics(uri, v);
    const syntax = diags.filter((d) => d.code === 'yaml-syntax');
    assert.ok(syntax.length >= 1, JSON.stringify(diags));
    for (const d of diags) assert.equal(d.source, 'statefulset');
    const at = position(BROKEN, '[1, 2');
    assert.ok(syntax.some((d) => d.range.start.line >= at.line), JSON.stringify(syntax));
    assert.equal(client.published.filter((p) => p.uri === uri).at(-1)?.version, v);
  });

  it('publishes an empty list for YAML that declares no kind we check', async () => {
    const uri = 'file:///virtual/deploy.yaml';
    const v = client.open(uri, DEPLOYMENT);
    assert.deepEqual(await client.waitForDiagnostics(uri, v), []);
  });

  it('re-analyses on change and reports the new version', async () => {
    const uri = 'file:///virtual/edit.yaml';
    let v = client.open(uri, PAIR);
    await client.waitForDiagnostics(uri, v, { until: (d) => !d.some((x) => x.code === 'yaml-syntax') });
    v = client.change(uri, PAIR.replace('replicas: 3', 'replicas: [3'));
    const broken = await client.waitForDiagnostics(uri, v);
    assert.ok(broken.some((d) => d.code === 'yaml-syntax'), JSON.stringify(broken));
    v = client.change(uri, PAIR);
    const fixed = await client.waitForDiagnostics(uri, v);
    assert.ok(!fixed.some((d) => d.code === 'yaml-syntax'), JSON.stringify(fixed));
  });

  it('keeps a typo reported, with its quick fix, while a line elsewhere in the document is half typed', async () => {
    const uri = 'file:///virtual/typing.yaml';
    const typo = PAIR.replace('replicas: 3', 'replica: 3');
    let v = client.open(uri, typo);
    const before = await client.waitForDiagnostics(uri, v);
    const unknown = (ds: typeof before) => ds.find((d) => d.code === 'unknown-field' && /"replica"/.test(d.message));
    assert.ok(unknown(before), JSON.stringify(before));
    // An unfinished line in the container (no colon yet): a syntax error, and the typo above still reported.
    const at = { line: position(typo, '          image: ').line, character: 0 };
    v = client.changeRange(uri, { start: at, end: at }, '          imagePull\n');
    const during = await client.waitForDiagnostics(uri, v);
    assert.ok(during.some((d) => d.code === 'yaml-syntax' && d.range.start.line === at.line), JSON.stringify(during));
    const d = unknown(during);
    assert.deepEqual(d?.range, unknown(before)?.range, JSON.stringify(during));
    const actions = (await client.codeActions(uri, d!.range, [d!])) ?? [];
    const rename = actions.find((a) => /replicas/.test(a.title));
    const edit = rename?.edit?.changes?.[uri]?.[0];
    assert.deepEqual(edit && { range: edit.range, newText: edit.newText }, { range: d!.range, newText: 'replicas' }, JSON.stringify(actions));
  });

  it('coalesces a burst of edits: the last version is the one reported', async () => {
    const uri = 'file:///virtual/burst.yaml';
    client.open(uri, PAIR);
    let v = 0;
    for (let i = 0; i < 20; i++) v = client.change(uri, PAIR.replace('replicas: 3', `replicas: ${i}`));
    v = client.change(uri, BROKEN);
    const diags = await client.waitForDiagnostics(uri, v);
    assert.ok(diags.some((d) => d.code === 'yaml-syntax'));
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    assert.equal(versions.at(-1), v);
    assert.ok(versions.length < 22, `every intermediate version was analysed: ${versions.join(',')}`);
  });

  it('applies incremental changes', async () => {
    const uri = 'file:///virtual/incremental.yaml';
    let v = client.open(uri, BROKEN);
    await client.waitForDiagnostics(uri, v, { until: (d) => d.some((x) => x.code === 'yaml-syntax') });
    const start = position(BROKEN, '[1, 2');
    v = client.changeRange(uri, { start, end: { line: start.line, character: start.character + 5 } }, '2');
    const diags = await client.waitForDiagnostics(uri, v);
    assert.ok(!diags.some((d) => d.code === 'yaml-syntax'), JSON.stringify(diags));
  });

  it('clears diagnostics on close', async () => {
    const uri = 'file:///virtual/close.yaml';
    const v = client.open(uri, BROKEN);
    await client.waitForDiagnostics(uri, v, { until: (d) => d.length > 0 });
    const cleared = client.nextDiagnostics(uri);
    client.close(uri);
    assert.deepEqual(await cleared, []);
    // Closed means forgotten: a hover on it answers nothing instead of stale data.
    assert.equal(await client.hover(uri, { line: 3, character: 9 }), null);
  });

  it('refreshes other open files when a file they depend on opens, changes or closes', async () => {
    const sts = 'file:///virtual/dep-sts.yaml';
    const svc = 'file:///virtual/dep-svc.yaml';
    const missing = (d: { code?: string | number }[]) => d.some((x) => x.code === 'governing-service-missing');
    const text = STATEFULSET.replace('serviceName: nginx', 'serviceName: dep');
    const v = client.open(sts, text);
    const first = (await client.waitForDiagnostics(sts, v, { until: missing })).find((d) => d.code === 'governing-service-missing')!;
    // The finding sits on the serviceName value, in LSP positions.
    const at = position(text, 'serviceName: dep', 13);
    assert.deepEqual(first.range, { start: at, end: { line: at.line, character: at.character + 3 } });
    assert.equal(first.source, 'statefulset');
    const fixed = client.nextDiagnostics(sts, { until: (d) => !missing(d) });
    client.open(svc, SERVICE.replace('name: nginx', 'name: dep'));
    await fixed;
    const renamed = client.nextDiagnostics(sts, { until: missing });
    client.change(svc, SERVICE.replace('name: nginx', 'name: other'));
    await renamed;
    const back = client.nextDiagnostics(sts, { until: (d) => !missing(d) });
    client.change(svc, SERVICE.replace('name: nginx', 'name: dep'));
    await back;
    const gone = client.nextDiagnostics(sts, { until: missing });
    client.close(svc);
    await gone;
    // The StatefulSet's own version did not change: the refresh carries the same version.
    assert.equal(client.published.filter((p) => p.uri === sts).at(-1)?.version, v);
  });

  it('counts positions in UTF-16 code units and handles CRLF line ends', async () => {
    const uri = 'file:///virtual/unicode.yaml';
    const lf = STATEFULSET
      .replace('metadata:\n  name: web\n', 'metadata: {annotations: {note: "无头服务 😀"}, name: web}\n')
      .replace('serviceName: nginx', '# 无头服务 😀\n  serviceName: peers');
    const text = lf.replace(/\n/g, '\r\n');
    const v = client.open(uri, text);
    const diags = await client.waitForDiagnostics(uri, v, { until: (d) => d.some((x) => x.code === 'governing-service-missing') });
    const d = diags.find((x) => x.code === 'governing-service-missing')!;
    assert.deepEqual(d.range, { start: position(lf, 'serviceName: peers', 13), end: position(lf, 'serviceName: peers', 18) });
    // `web` comes after a surrogate pair on its line: one character off and the hover would miss it.
    const h = await client.hover(uri, position(lf, 'name: web}', 7));
    assert.match(hoverText(h), /\*\*StatefulSet `web`\*\*/);
    assert.deepEqual(h!.range, { start: position(lf, 'name: web}', 6), end: position(lf, 'name: web}', 9) });
  });

  it('answers a file with Windows (CRLF) line breaks as it answers the same file with LF ones, through an edit', async () => {
    // A mistake to report (a misspelled field) in a plain manifest, which the fast parser takes with either break.
    const lf = PAIR.replace('  replicas: 3\n', '  replicas: 3\n  replica: 2\n');
    const [a, b] = ['file:///virtual/lf.yaml', 'file:///virtual/crlf.yaml'];
    const [da, db] = await Promise.all([
      client.waitForDiagnostics(a, client.open(a, lf)),
      client.waitForDiagnostics(b, client.open(b, lf.replace(/\n/g, '\r\n'))),
    ]);
    const shape = (ds: typeof da) => ds.map((d) => [d.code, d.range, d.message]);
    assert.ok(da.some((d) => d.code === 'unknown-field'), JSON.stringify(da));
    assert.deepEqual(shape(db), shape(da));
    const at = position(lf, 'replicas: 3', 10);
    assert.deepEqual(await client.hover(b, at), await client.hover(a, at));
    assert.deepEqual(await client.inlayHints(b), await client.inlayHints(a));
    // Typing `3` -> `4` in both: the same diagnostics again, for the new versions.
    const edit = { start: at, end: { line: at.line, character: at.character + 1 } };
    const [ea, eb] = await Promise.all([
      client.waitForDiagnostics(a, client.changeRange(a, edit, '4')),
      client.waitForDiagnostics(b, client.changeRange(b, edit, '4')),
    ]);
    assert.deepEqual(shape(eb), shape(ea));
    assert.match(hoverText(await client.hover(b, at)), /web-3/);
  });

  it('keeps serving after malformed input and garbage requests', async () => {
    const uri = 'file:///virtual/garbage.yaml';
    const v = client.open(uri, '\u0000\u0001: [}{\n\t- :::\n--- !!binary\n"unterminated');
    await client.waitForDiagnostics(uri, v);
    await assert.rejects(client.request('no/suchMethod', { x: 1 }));
    // Wrong parameter shapes must not kill the server: each answers something (or an error), never silence.
    await client.request('textDocument/hover', { textDocument: { uri: 'file:///nope.yaml' }, position: { line: -5, character: 1e9 } }).catch(() => undefined);
    await client.request('textDocument/hover', null).catch(() => undefined);
    await client.request('textDocument/inlayHint', { textDocument: { uri } }).catch(() => undefined);
    await client.request('textDocument/documentSymbol', {}).catch(() => undefined);
    client.notify('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.yaml', version: 3 }, contentChanges: [{ text: 'x' }] });
    client.notify('textDocument/didOpen', {});
    const ok = 'file:///virtual/after-garbage.yaml';
    const v2 = client.open(ok, BROKEN);
    assert.ok((await client.waitForDiagnostics(ok, v2)).length > 0);
    assert.ok(client.alive);
  });
});

describe('node-ipc transport', () => {
  it('speaks LSP over --node-ipc as well', async () => {
    const { fork } = await import('node:child_process');
    const { createMessageConnection, IPCMessageReader, IPCMessageWriter } = await import('vscode-jsonrpc/node');
    const proc = fork(SERVER_JS, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const conn = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    try {
      const published = new Promise<{ uri: string; diagnostics: { code?: string }[] }>((resolve) => conn.onNotification('textDocument/publishDiagnostics', resolve));
      conn.listen();
      const init = await withTimeout(conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }), DEFAULT_TIMEOUT, 'initialize');
      assert.ok((init as { capabilities: { hoverProvider?: boolean } }).capabilities.hoverProvider);
      await conn.sendNotification('initialized', {});
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ipc.yaml', languageId: 'yaml', version: 1, text: BROKEN } });
      const p = await withTimeout(published, DEFAULT_TIMEOUT, 'diagnostics over ipc');
      assert.ok(p.diagnostics.some((d: { code?: string }) => d.code === 'yaml-syntax'));
      await withTimeout(conn.sendRequest('shutdown'), 5000, 'shutdown');
      await conn.sendNotification('exit');
    } finally {
      conn.dispose();
      if (proc.exitCode === null) proc.kill();
    }
  });
});
