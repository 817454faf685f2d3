// diagnosticMode 'workspace': unopened files of the workspace get diagnostics, pushed in the background,
// following edits of other files, opens and closes, deletions and the setting itself.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { TestClient, later, tempWorkspace, type Diagnostic } from './helpers/client';
import { DEPLOYMENT, SERVICE, STATEFULSET } from './helpers/manifests';
import { pairs } from '../bench/generate';

const TYPO = STATEFULSET.replace('  replicas: 3\n', '  replicsa: 3\n');
const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);
const clean = (d: Diagnostic[]) => d.length === 0;

/** The workspace the suites below check. */
function workspace() {
  return tempWorkspace({
    'db/statefulset.yaml': STATEFULSET,
    'db/service.yaml': SERVICE,
    'broken/typo.yaml': TYPO,
    // Not ours to report: a kind this server does not check (its YAML is broken), and plain YAML.
    'other/deployment.yaml': DEPLOYMENT,
    'other/values.yaml': 'replicaCount: 3\nimage: {repository: nginx\n',
  });
}

/**
 * A server with diagnosticMode 'workspace' over a fresh copy of that workspace, started before the suite's
 * tests and stopped after them.
 */
function serverOverWorkspace(options: { pullDiagnostics?: boolean } = {}) {
  const ws = workspace();
  const server = { ws, client: undefined as unknown as TestClient };
  before(async () => {
    server.client = await TestClient.start({ workspaceFolders: [ws.dir], settings: { diagnosticMode: 'workspace' }, ...options });
  });
  after(async () => {
    await server.client.stop();
    ws.cleanup();
  });
  return server;
}

describe('diagnosticMode workspace, pushing client', () => {
  const server = serverOverWorkspace();

  it('pushes the problems of unopened files, without a version, and nothing for clean or foreign files', async () => {
    const { client, ws } = server;
    const typo = ws.uri('broken/typo.yaml');
    const diags = await client.waitForDiagnostics(typo, undefined, { until: has('unknown-field') });
    const unknown = diags.find((d) => d.code === 'unknown-field')!;
    assert.match(unknown.message, /replicsa.*replicas/);
    assert.deepEqual(unknown.range.start, { line: 9, character: 2 });
    await client.waitForLog(/workspace diagnostics: checked \d+ unopened files .*; 1 have problems/);
    for (const rel of ['db/statefulset.yaml', 'db/service.yaml', 'other/deployment.yaml', 'other/values.yaml']) {
      assert.ok(!client.published.some((p) => p.uri === ws.uri(rel) && p.diagnostics.length), `${rel}: ${JSON.stringify(client.published.filter((p) => p.uri === ws.uri(rel)))}`);
    }
    assert.ok(client.published.filter((p) => p.uri === typo).every((p) => p.version === undefined));
  });

  it('follows an edit of an open file that changes what an unopened file reports', async () => {
    const { client, ws } = server;
    const svc = ws.uri('db/service.yaml');
    const sts = ws.uri('db/statefulset.yaml');
    const missing = later(client.nextDiagnostics(sts, { until: has('governing-service-missing') }));
    client.open(svc, SERVICE.replace('name: nginx', 'name: renamed'));
    await missing;
    const back = later(client.nextDiagnostics(sts, { until: clean }));
    client.change(svc, SERVICE);
    await back;
    // Closing the Service falls back to its text on disk, which is clean: it is not reported.
    client.close(svc);
    await client.waitForLog(/workspace diagnostics: checked/);
  });

  it('an opened file reports its own version; closed again, its text on disk', async () => {
    const { client, ws } = server;
    const typo = ws.uri('broken/typo.yaml');
    await client.waitForDiagnostics(typo, undefined, { until: has('unknown-field') });
    const v = client.open(typo, STATEFULSET);
    assert.deepEqual(await client.waitForDiagnostics(typo, v, { until: (d) => !has('unknown-field')(d) }), []);
    const fromDisk = later(client.nextDiagnostics(typo, { until: has('unknown-field') }));
    client.close(typo);
    await fromDisk;
  });

  it('withdraws the problems of a deleted file', async () => {
    const { client, ws } = server;
    ws.write('broken/second.yaml', TYPO.replace('name: web', 'name: second'));
    const second = ws.uri('broken/second.yaml');
    const reported = later(client.nextDiagnostics(second, { until: has('unknown-field') }));
    client.filesChanged([{ uri: second, type: 1 }]);
    await reported;
    const withdrawn = later(client.nextDiagnostics(second, { until: clean }));
    rmSync(new URL(second));
    client.filesChanged([{ uri: second, type: 3 }]);
    await withdrawn;
  });

  it('withdraws every unopened file\'s problems when the setting goes back to openFilesOnly, and pushes them again after', async () => {
    const { client, ws } = server;
    const typo = ws.uri('broken/typo.yaml');
    await client.waitForDiagnostics(typo, undefined, { until: has('unknown-field') });
    const withdrawn = later(client.nextDiagnostics(typo, { until: clean }));
    client.setSettings({ diagnosticMode: 'openFilesOnly' });
    await withdrawn;
    const back = later(client.nextDiagnostics(typo, { until: has('unknown-field') }));
    client.setSettings({ diagnosticMode: 'workspace' });
    await back;
    assert.ok(client.alive);
  });
});

describe('diagnosticMode workspace, pulling client', () => {
  const server = serverOverWorkspace({ pullDiagnostics: true });

  it('pushes for unopened files; an opened file\'s pushed problems are withdrawn and come by pull instead', async () => {
    const { client, ws } = server;
    const typo = ws.uri('broken/typo.yaml');
    await client.waitForDiagnostics(typo, undefined, { until: has('unknown-field') });
    const withdrawn = later(client.nextDiagnostics(typo, { until: clean }));
    client.open(typo, TYPO);
    await withdrawn;
    const pulled = await client.pullDiagnostics(typo);
    assert.ok(has('unknown-field')(pulled.items!), JSON.stringify(pulled));
    // Closed: the client drops what it pulled; the file on disk is pushed again.
    const fromDisk = later(client.nextDiagnostics(typo, { until: has('unknown-field') }));
    client.close(typo);
    await fromDisk;
  });
});

describe('diagnosticMode workspace with a large open file', () => {
  const server = serverOverWorkspace();

  it('unopened files are checked again after a large open file\'s refresh, which takes many slices, ends', async () => {
    const { client, ws } = server;
    await client.waitForDiagnostics(ws.uri('broken/typo.yaml'), undefined, { until: has('unknown-field') });
    const big = 'file:///virtual/big.yaml';
    await client.waitForDiagnostics(big, client.open(big, pairs(1500)), { timeoutMs: 120_000 });
    // Renaming the Service in an open editor refreshes the large file (many slices), then the unopened StatefulSet.
    const sts = ws.uri('db/statefulset.yaml');
    const missing = later(client.nextDiagnostics(sts, { until: has('governing-service-missing') }));
    client.open(ws.uri('db/service.yaml'), SERVICE.replace('name: nginx', 'name: renamed'));
    await missing;
  });
});

describe('diagnosticMode workspace when a file is opened while it is being indexed', () => {
  const ws = tempWorkspace({ 'a-big.yaml': pairs(1500), 'z/typo.yaml': TYPO });
  let client: TestClient;
  after(async () => {
    await client?.stop();
    ws.cleanup();
  });

  it('the other unopened files are still checked (the interrupted index leaves nothing pending behind)', async () => {
    client = await TestClient.start({ workspaceFolders: [ws.dir], settings: { diagnosticMode: 'workspace' } });
    // The large file is indexed first, in many slices: open it while that runs.
    await client.waitForProgress('begin');
    const big = ws.uri('a-big.yaml');
    client.open(big, pairs(1500));
    await client.waitForDiagnostics(ws.uri('z/typo.yaml'), undefined, { until: has('unknown-field') });
    await client.waitForDiagnostics(big, 1, { timeoutMs: 120_000 });
  });
});
