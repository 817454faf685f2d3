// Workspace behaviour: pull diagnostics, settings changes, the index of unopened files, file watching, cross-file findings after edits.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient, hoverText, later, position, tempWorkspace } from './helpers/client';
import { BROKEN, PAIR, SERVICE, STATEFULSET } from './helpers/manifests';

const MISSING_SERVICE = 'governing-service-missing';

describe('pull diagnostics', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ pullDiagnostics: true });
  });
  after(async () => {
    await client.stop();
  });

  it('advertises a diagnostic provider and answers textDocument/diagnostic instead of pushing', async () => {
    assert.ok(client.initializeResult.capabilities.diagnosticProvider);
    const uri = 'file:///virtual/pull.yaml';
    client.open(uri, BROKEN);
    const report = await client.pullDiagnostics(uri);
    assert.equal(report.kind, 'full');
    assert.ok(report.items!.some((d) => d.code === 'yaml-syntax' && d.source === 'statefulset'), JSON.stringify(report));
    const again = await client.pullDiagnostics(uri, report.resultId);
    assert.equal(again.kind, 'unchanged');
    client.change(uri, PAIR);
    const fixed = await client.pullDiagnostics(uri, report.resultId);
    assert.equal(fixed.kind, 'full');
    assert.ok(!fixed.items!.some((d) => d.code === 'yaml-syntax'));
    assert.equal(client.published.filter((p) => p.uri === uri && p.diagnostics.length > 0).length, 0, 'pushed while the client pulls');
  });

  it('asks the client to refresh when another file changes what an open file reports', async () => {
    const sts = 'file:///virtual/pull-sts.yaml';
    const svc = 'file:///virtual/pull-svc.yaml';
    // pull.yaml above declares Service nginx: use a name of our own.
    client.open(sts, STATEFULSET.replace('serviceName: nginx', 'serviceName: peers'));
    const first = await client.pullDiagnostics(sts);
    assert.ok(first.items!.some((d) => d.code === MISSING_SERVICE), JSON.stringify(first.items));
    const before = client.refreshRequests;
    client.open(svc, SERVICE.replace('name: nginx', 'name: peers'));
    await client.pullDiagnostics(svc);
    await waitFor(() => client.refreshRequests > before);
    const after = await client.pullDiagnostics(sts, first.resultId);
    assert.equal(after.kind, 'full');
    assert.ok(!after.items!.some((d) => d.code === MISSING_SERVICE), JSON.stringify(after.items));
  });
  it('asks for a refresh when settings change what open files report (rule turned off)', async () => {
    const uri = 'file:///virtual/pull-rules.yaml';
    client.open(uri, BROKEN);
    const first = await client.pullDiagnostics(uri);
    assert.ok(first.items!.some((d) => d.code === 'yaml-syntax'));
    const before = client.refreshRequests;
    client.setSettings({ rules: { 'yaml-syntax': 'off' } });
    await waitFor(() => client.refreshRequests > before);
    const after = await client.pullDiagnostics(uri, first.resultId);
    assert.ok(!after.items!.some((d) => d.code === 'yaml-syntax'), JSON.stringify(after));
  });
});

describe('settings', () => {
  let client: TestClient;
  after(async () => {
    await client?.stop();
  });

  it('reads statefulset settings through workspace/configuration and follows changes', async () => {
    client = await TestClient.start({ settings: { clusterDomain: 'example.internal' } });
    const uri = 'file:///virtual/settings.yaml';
    const v = client.open(uri, PAIR);
    await client.waitForDiagnostics(uri, v);
    // Normally applied before the first analysis; on a loaded machine the answer may come after the timeout.
    await client.waitForLog(/settings: .*example\.internal/);
    const at = position(PAIR, 'replicas: 3', 10);
    assert.match(hoverText(await client.hover(uri, at)), /web-0\.nginx\.default\.svc\.example\.internal/);
    client.setSettings({ clusterDomain: 'corp.local', defaultNamespace: 'shop' });
    await client.waitForLog(/settings: .*corp\.local/);
    const text = hoverText(await client.hover(uri, at));
    assert.match(text, /web-0\.nginx\.shop\.svc\.corp\.local/);
    assert.doesNotMatch(text, /example\.internal/);
  });

  it('falls back to initializationOptions for clients without workspace/configuration', async () => {
    const c = await TestClient.start({ settings: null, initializationOptions: { statefulset: { clusterDomain: 'init.example' } } });
    try {
      const uri = 'file:///virtual/init.yaml';
      const v = c.open(uri, PAIR);
      await c.waitForDiagnostics(uri, v);
      assert.match(hoverText(await c.hover(uri, position(PAIR, 'replicas: 3', 10))), /web-0\.nginx\.default\.svc\.init\.example/);
      // Pushed settings (didChangeConfiguration with a payload) still apply.
      c.setSettings({ clusterDomain: 'pushed.example' });
      await c.waitForLog(/settings: .*pushed\.example/);
      assert.match(hoverText(await c.hover(uri, position(PAIR, 'replicas: 3', 10))), /svc\.pushed\.example/);
    } finally {
      await c.stop();
    }
  });

  it('does not wait forever for a client that never answers workspace/configuration', async () => {
    const c = await TestClient.start({ unansweredConfiguration: true, initializationOptions: { settings: { clusterDomain: 'fallback.example' } } });
    try {
      const uri = 'file:///virtual/hang.yaml';
      const v = c.open(uri, PAIR);
      await c.waitForDiagnostics(uri, v);
      assert.match(hoverText(await c.hover(uri, position(PAIR, 'replicas: 3', 10))), /svc\.fallback\.example/);
      assert.ok(c.logs.some((l) => /workspace\/configuration failed/.test(l)), c.logs.join('\n'));
    } finally {
      await c.stop();
    }
  });

  it('turns inlay hints off', async () => {
    const c = await TestClient.start({ settings: { inlayHints: false } });
    try {
      const uri = 'file:///virtual/nohints.yaml';
      const v = c.open(uri, PAIR);
      await c.waitForDiagnostics(uri, v);
      await c.waitForLog(/settings: .*"inlayHints":false/);
      assert.deepEqual(await c.inlayHints(uri), []);
    } finally {
      await c.stop();
    }
  });
});

describe('workspace index', () => {
  const ws = tempWorkspace({
    'apps/web/statefulset.yaml': STATEFULSET,
    'apps/web/service.yaml': SERVICE,
    'node_modules/pkg/ignored.yaml': SERVICE.replace('name: nginx', 'name: ignored'),
    'notes.txt': 'not yaml',
    // Over the maxFileSize set below: skipped, so its Service does not count.
    'big/huge.yaml': SERVICE.replace('name: nginx', 'name: huge') + `#${'x'.repeat(6000)}\n`,
  });
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ workspaceFolders: [ws.dir], settings: { maxFileSize: 5000 } });
  });
  after(async () => {
    await client.stop();
    ws.cleanup();
  });

  it('indexes unopened files (with progress) so an unopened Service satisfies serviceName', async () => {
    await client.waitForProgress('end');
    const uri = ws.uri('apps/web/statefulset.yaml');
    const v = client.open(uri, STATEFULSET);
    const diags = await client.waitForDiagnostics(uri, v);
    assert.ok(!diags.some((d) => d.code === MISSING_SERVICE), JSON.stringify(diags));
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'file watcher not registered');
    // Unopened files never get diagnostics of their own.
    assert.ok(!client.published.some((p) => p.uri === ws.uri('apps/web/service.yaml')));
    // The hover sees the unopened Service: its named port gives an SRV record.
    assert.match(hoverText(await client.hover(uri, position(STATEFULSET, 'replicas: 3', 10))), /_web\._tcp\.nginx\.default\.svc\.cluster\.local/);
  });

  it('navigates into unopened files, which the index keeps without trees, at the right places', async () => {
    await client.waitForProgress('end');
    const uri = ws.uri('apps/web/statefulset.yaml');
    const svc = ws.uri('apps/web/service.yaml');
    const at = position(STATEFULSET, 'serviceName: nginx', 'serviceName: '.length + 2);
    const defs = [await client.definition(uri, at)].flat().filter(Boolean);
    const name = { start: { line: 3, character: 8 }, end: { line: 3, character: 13 } }; // `nginx` of `  name: nginx`
    assert.equal(JSON.stringify(defs.map((d: any) => [d.uri ?? d.targetUri, d.range ?? d.targetSelectionRange])), JSON.stringify([[svc, name]]));
    const refs = (await client.references(uri, at)) ?? [];
    assert.ok(refs.some((r: any) => r.uri === svc && JSON.stringify(r.range) === JSON.stringify(name)), JSON.stringify(refs));
    assert.ok(refs.some((r: any) => r.uri === uri), JSON.stringify(refs));
  });

  it('finds resources by name in unopened and open files (workspace/symbol), open files at their unsaved text', async () => {
    await client.waitForProgress('end');
    assert.ok(client.initializeResult.capabilities.workspaceSymbolProvider);
    const svc = ws.uri('apps/web/service.yaml');
    const found = (await client.workspaceSymbols('ngx')) ?? [];
    const name = { start: { line: 3, character: 8 }, end: { line: 3, character: 13 } }; // `nginx` of `  name: nginx`
    assert.equal(JSON.stringify(found.map((s) => [s.name, s.containerName, s.location.uri, s.location.range])), JSON.stringify([['nginx', 'Service · default', svc, name]]));
    // Skipped files (node_modules, over maxFileSize) are not in the index.
    assert.deepEqual(((await client.workspaceSymbols('huge')) ?? []).concat((await client.workspaceSymbols('ignored')) ?? []), []);
    const uri = ws.uri('apps/web/draft.yaml');
    client.open(uri, `# draft\n${SERVICE.replace('name: nginx', 'name: peers')}`);
    const peers = (await client.workspaceSymbols('peers')) ?? [];
    assert.equal(JSON.stringify(peers.map((s) => [s.location.uri, s.location.range])), JSON.stringify([[uri, { start: { line: 4, character: 8 }, end: { line: 4, character: 13 } }]]));
    client.close(uri);
  });

  it('answers the generated-resources command for an unopened file from the index (no tree kept)', async () => {
    await client.waitForProgress('end');
    const uri = ws.uri('apps/web/statefulset.yaml');
    client.close(uri);
    const g = await client.request<{ title: string; text: string } | null>('workspace/executeCommand', { command: 'statefulset.generatedResources', arguments: [uri] });
    assert.equal(g?.title, 'web.generated.yaml');
    assert.match(g!.text, /kind: PersistentVolumeClaim\nmetadata:\n {2}name: www-web-2\n/);
    // The unopened Service is found: its DNS names are certain.
    assert.match(g!.text, /# {3}- web-0\.nginx\.default\.svc\.cluster\.local\n/);
    assert.equal(await client.request('workspace/executeCommand', { command: 'statefulset.generatedResources', arguments: [ws.uri('apps/web/service.yaml')] }), null);
    // Open again, as the tests below expect it.
    await client.waitForDiagnostics(uri, client.open(uri, STATEFULSET));
  });

  it('skips node_modules and files over maxFileSize', async () => {
    await client.waitForProgress('end');
    await client.waitForLog(/skipped .*huge\.yaml: \d+ bytes is over the limit of 5000/);
    const uri = ws.uri('apps/web/other.yaml');
    for (const name of ['huge', 'ignored']) {
      const text = STATEFULSET.replace('serviceName: nginx', `serviceName: ${name}`);
      const v = client.open(uri, text);
      const diags = await client.waitForDiagnostics(uri, v);
      assert.ok(diags.some((d) => d.code === MISSING_SERVICE), `${name}: ${JSON.stringify(diags)}`);
      client.close(uri);
    }
  });

  it('follows watched-file deletions and creations', async () => {
    const uri = ws.uri('apps/web/statefulset.yaml');
    const svc = ws.uri('apps/web/service.yaml');
    const missing = client.nextDiagnostics(uri, { until: (d) => d.some((x) => x.code === MISSING_SERVICE) });
    await import('node:fs').then((fs) => fs.rmSync(new URL(svc)));
    client.filesChanged([{ uri: svc, type: 3 }]);
    await missing;
    const back = client.nextDiagnostics(uri, { until: (d) => !d.some((x) => x.code === MISSING_SERVICE) });
    ws.write('apps/web/service.yaml', SERVICE);
    client.filesChanged([{ uri: svc, type: 1 }]);
    await back;
  });

  it('closing an edited workspace file falls back to its text on disk', async () => {
    const sts = ws.uri('apps/web/statefulset.yaml');
    const svc = ws.uri('apps/web/service.yaml');
    await client.waitForDiagnostics(sts, client.version(sts), { until: (d) => !d.some((x) => x.code === MISSING_SERVICE) });
    const missing = client.nextDiagnostics(sts, { until: (d) => d.some((x) => x.code === MISSING_SERVICE) });
    client.open(svc, SERVICE.replace('name: nginx', 'name: unsaved-rename'));
    await missing;
    const back = client.nextDiagnostics(sts, { until: (d) => !d.some((x) => x.code === MISSING_SERVICE) });
    client.close(svc);
    await back;
  });

  it('skips vanished files with a log line', async () => {
    const gone = ws.uri('apps/web/gone.yaml');
    client.filesChanged([{ uri: gone, type: 2 }]);
    await client.waitForLog(/gone\.yaml/);
    assert.ok(client.alive);
  });
});

/** Polls a condition set by notifications/requests from the server (no fixed sleep decides the outcome). */
async function waitFor(cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('cross-file findings follow edits in either file', () => {
  const set = (name: string, claim: string) => STATEFULSET.replace('name: web', `name: ${name}`).replace(/name: www\n/g, `name: ${claim}\n`);
  it('a PVC name two StatefulSets would share is reported in both, and goes when one is renamed', async () => {
    const client = await TestClient.start();
    try {
      const a = 'file:///virtual/collide-a.yaml';
      const b = 'file:///virtual/collide-b.yaml';
      // claim data-web of set x and claim data of set web-x both make data-web-x-0.
      await client.waitForDiagnostics(a, client.open(a, set('x', 'data-web')));
      const collides = (d: { code?: unknown }[]) => d.some((x) => x.code === 'pvc-name-collision');
      const reportedInA = later(client.nextDiagnostics(a, { until: collides }));
      const inB = await client.waitForDiagnostics(b, client.open(b, set('web-x', 'data')));
      assert.ok(collides(inB), JSON.stringify(inB));
      await reportedInA;
      // Renaming one set ends it in the other file too (its tables follow the edit, not a rebuild).
      const clearedInA = later(client.nextDiagnostics(a, { until: (d) => !collides(d) }));
      const after = await client.waitForDiagnostics(b, client.change(b, set('web-y', 'data')));
      assert.ok(!collides(after), JSON.stringify(after));
      await clearedInA;
      // And back.
      const againInA = later(client.nextDiagnostics(a, { until: collides }));
      assert.ok(collides(await client.waitForDiagnostics(b, client.change(b, set('web-x', 'data')))));
      await againInA;
    } finally {
      await client.stop();
    }
  });
});
