// statefulset.baseline 'gitHead': open files are compared with their committed version (git HEAD) and changes to
// fields the API server never updates are reported (immutable-field-changed), following edits, saves after a
// commit, and the setting. Needs git; the real server over stdio, a real repository in a temp directory.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitWorks, git } from '../helpers/git';
import { TestClient, tempWorkspace, type Diagnostic } from './helpers/client';
import { SERVICE, STATEFULSET } from './helpers/manifests';

const CODE = 'immutable-field-changed';
const has = (d: Diagnostic[]) => d.some((x) => x.code === CODE);
const hasNot = (d: Diagnostic[]) => !has(d);

describe('baseline gitHead', { skip: !gitWorks && 'git is not installed' }, () => {
  let client: TestClient;
  const ws = tempWorkspace({ 'db/web.yaml': STATEFULSET + '---\n' + SERVICE, 'untracked.yaml': STATEFULSET.replace('name: web', 'name: db') });
  before(async () => {
    git(ws.dir, 'init', '-q');
    git(ws.dir, 'add', 'db/web.yaml');
    git(ws.dir, 'commit', '-q', '-m', 'web');
    client = await TestClient.start({ workspaceFolders: [ws.dir], settings: { baseline: 'gitHead' } });
  });
  after(async () => {
    await client.stop();
    ws.cleanup();
  });

  it('reports a changed serviceName and claim template against HEAD, where they are, and follows edits', async () => {
    const uri = ws.uri('db/web.yaml');
    // The Service renamed with it, so that no other rule offers the same edit as the restore fix.
    const changed = (STATEFULSET + '---\n' + SERVICE.replace('name: nginx', 'name: web-svc')).replace('serviceName: nginx', 'serviceName: web-svc').replace('storage: 1Gi', 'storage: 10Gi');
    client.open(uri, changed);
    const diags = await client.waitForDiagnostics(uri, undefined, { until: (d) => d.filter((x) => x.code === CODE).length === 2 });
    const found = diags.filter((d) => d.code === CODE);
    assert.match(found[0].message, /^Changed since HEAD: serviceName changed from 'nginx' to 'web-svc'/);
    assert.equal(found[0].range.start.line, changed.split('\n').findIndex((l) => l.includes('serviceName: web-svc')));
    assert.match(found[1].message, /The storage request of claim template 'www' grew: .* raise the request of each PVC \(www-web-0 … www-web-2\)/);
    const actions = await client.codeActions(uri, found[0].range, [found[0]]);
    assert.deepEqual(actions?.filter((a) => a.kind === 'quickfix').map((a) => a.title), ['Restore serviceName nginx (as at HEAD)']);
    // Back to the committed serviceName: only the claim template is left.
    const v = client.change(uri, changed.replace('serviceName: web-svc', 'serviceName: nginx'));
    const after = await client.waitForDiagnostics(uri, v);
    assert.deepEqual(after.filter((d) => d.code === CODE).map((d) => d.message.slice(0, 60)), [found[1].message.slice(0, 60)]);
  });

  it('reads HEAD again on save: after a commit of the change, nothing is left to report', async () => {
    const uri = ws.uri('db/web.yaml');
    const text = (STATEFULSET + '---\n' + SERVICE).replace('storage: 1Gi', 'storage: 10Gi');
    client.change(uri, text);
    await client.waitForDiagnostics(uri, undefined, { until: has });
    writeFileSync(join(ws.dir, 'db', 'web.yaml'), text);
    git(ws.dir, 'commit', '-q', '-am', 'bigger volumes');
    const mark = client.published.length;
    client.notify('textDocument/didSave', { textDocument: { uri } });
    await client.waitForDiagnostics(uri, undefined, { after: mark, until: hasNot });
  });

  it('a commit made elsewhere (no save) is picked up when the client reports git\'s reflog or branch ref changed', async () => {
    const uri = ws.uri('db/web.yaml');
    const text = (STATEFULSET + '---\n' + SERVICE).replace('storage: 1Gi', 'storage: 20Gi');
    writeFileSync(join(ws.dir, 'db', 'web.yaml'), text);
    client.change(uri, text);
    await client.waitForDiagnostics(uri, undefined, { until: has });
    git(ws.dir, 'commit', '-q', '-am', 'even bigger volumes');
    // The reflog (appended to in place, what file watchers report reliably).
    let mark = client.published.length;
    client.filesChanged([{ uri: ws.uri('.git/logs/HEAD'), type: 2 }]);
    await client.waitForDiagnostics(uri, undefined, { after: mark, until: hasNot });
    // The branch ref (renamed into place by git).
    const bigger = text.replace('storage: 20Gi', 'storage: 30Gi');
    client.change(uri, bigger);
    await client.waitForDiagnostics(uri, undefined, { until: has });
    writeFileSync(join(ws.dir, 'db', 'web.yaml'), bigger);
    git(ws.dir, 'commit', '-q', '-am', 'bigger still');
    const ref = readFileSync(join(ws.dir, '.git', 'HEAD'), 'utf8').replace(/^ref: /, '').trim();
    mark = client.published.length;
    client.filesChanged([{ uri: ws.uri(join('.git', ref)), type: 2 }]);
    await client.waitForDiagnostics(uri, undefined, { after: mark, until: hasNot });
  });

  it('a file git does not track has no baseline; the setting off withdraws the findings and on brings them back', async () => {
    const untracked = ws.uri('untracked.yaml');
    // Its own StatefulSet (a namesake of a committed one would be compared with that, whatever its file).
    client.open(untracked, STATEFULSET.replace('name: web', 'name: db'));
    const own = await client.waitForDiagnostics(untracked);
    assert.ok(!has(own), JSON.stringify(own));

    const uri = ws.uri('db/web.yaml');
    client.change(uri, (STATEFULSET + '---\n' + SERVICE).replace('storage: 1Gi', 'storage: 10Gi').replace('clusterIP: None\n', ''));
    const both = await client.waitForDiagnostics(uri, undefined, { until: has });
    assert.ok(both.some((d) => d.code === CODE && /The Service was headless/.test(d.message)), JSON.stringify(both));
    let mark = client.published.length;
    client.setSettings({ baseline: 'off' });
    await client.waitForDiagnostics(uri, undefined, { after: mark, until: hasNot });
    mark = client.published.length;
    client.setSettings({ baseline: 'gitHead' });
    await client.waitForDiagnostics(uri, undefined, { after: mark, until: has });
    assert.ok(client.alive);
  });
});
