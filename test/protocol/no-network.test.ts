// Security: the server reaches no network and runs no program while doing everything an editor asks of it
// (default settings). The network and child_process APIs of the server process are replaced by tripwires
// (fixtures/deny-network.cjs) that log and throw.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestClient, position, tempWorkspace } from './helpers/client';

const root = join(__dirname, '..', '..');
const WEB = readFileSync(join(root, 'examples', 'web.yaml'), 'utf8');
const MYSQL = readFileSync(join(root, 'examples', 'mysql.yaml'), 'utf8');

describe('no network access', () => {
  let client: TestClient;
  const ws = tempWorkspace({ 'web.yaml': WEB, 'db/mysql.yaml': MYSQL });
  before(async () => {
    client = await TestClient.start({ nodeArgs: ['-r', join(__dirname, 'fixtures', 'deny-network.cjs')], workspaceFolders: [ws.dir] });
  });
  after(async () => {
    await client.stop();
    ws.cleanup();
  });

  it('tripwires are armed in the server process', async () => {
    // A server that never loaded the preload would pass the next test vacuously.
    const armed = () => client.stderr.join('').includes('deny-network: armed');
    // stderr and stdout are separate pipes: the marker may be read just after the handshake.
    for (const t0 = Date.now(); !armed() && Date.now() - t0 < 30_000; ) await new Promise((r) => setImmediate(r));
    assert.ok(armed(), client.stderr.join(''));
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['-r', join(__dirname, 'fixtures', 'deny-network.cjs'), '-e', "require('node:http').get('http://127.0.0.1:9')"], { encoding: 'utf8' });
    assert.match(r.stderr, /NETWORK-ATTEMPT http\.request/);
    const p = spawnSync(process.execPath, ['-r', join(__dirname, 'fixtures', 'deny-network.cjs'), '-e', "require('node:child_process').execFile('git', ['--version'])"], { encoding: 'utf8' });
    assert.match(p.stderr, /PROGRAM-ATTEMPT child_process\.execFile/);
  });

  it('serves diagnostics, hover, inlay hints, completion, code actions and navigation without touching the network', async () => {
    const uri = ws.uri('web.yaml');
    const v = client.open(uri, WEB);
    const diags = await client.waitForDiagnostics(uri, v);
    assert.deepEqual(diags, []);
    const broken = WEB.replace('clusterIP: None', 'clusterIP: none').replace('image:', 'images:');
    const v2 = client.change(uri, broken);
    const bad = await client.waitForDiagnostics(uri, v2);
    assert.ok(bad.length >= 2, JSON.stringify(bad));
    await client.hover(uri, position(broken, 'replicas: 2', 10));
    await client.inlayHints(uri);
    await client.completion(uri, position(broken, 'serviceName: ', 13));
    await client.codeActions(uri, bad[0].range, bad);
    await client.definition(uri, position(broken, 'serviceName: nginx', 14));
    await client.documentSymbols(uri);
    client.open(ws.uri('db/mysql.yaml'), MYSQL);
    await client.waitForDiagnostics(ws.uri('db/mysql.yaml'));
    assert.ok(client.alive);
    // Nor does it run any program (git runs only with statefulset.baseline set to gitHead).
    const attempts = client.stderr.join('').split('\n').filter((l) => l.includes('NETWORK-ATTEMPT') || l.includes('PROGRAM-ATTEMPT'));
    assert.deepEqual(attempts, []);
  });
});
