// Large files over stdio: a file of thousands of documents is analysed in slices, so requests on other
// files are answered meanwhile and a newer version drops the stale run; a 50 MB file is refused at once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient, hoverText, position, tempWorkspace, type Diagnostic } from './helpers/client';
import { SERVICE, STATEFULSET } from './helpers/manifests';
import { pairs } from '../bench/generate';

/** A few MB of StatefulSet + Service pairs, under the document limit: most of a second to analyse, in slices. */
const BIG = pairs(2000);
/**
 * BIG with each top-level `labels` anchored: the fast parser declines anchors, so every document is parsed
 * with its tree by `yaml`, seconds of work: long enough for the tests that act while an analysis runs.
 */
const SLOW_BIG = BIG.replace(/^(metadata:\n  name: \S+\n  labels:)$/gm, '$1 &labels');
/** Hang bound for a big file's diagnostics on a loaded machine; not a speed assertion. */
const BIG_TIMEOUT = 120_000;

/** Opens a small StatefulSet file and waits for its diagnostics, so requests on it need no analysis. */
async function openSmall(client: TestClient, name: string): Promise<{ uri: string; text: string }> {
  const uri = `file:///virtual/${name}.yaml`;
  const text = STATEFULSET;
  const v = client.open(uri, text);
  if (client.initializeResult?.capabilities?.diagnosticProvider) await client.pullDiagnostics(uri);
  else await client.waitForDiagnostics(uri, v);
  return { uri, text };
}

/**
 * Sends hover and completion requests on `small`, one after the other, until `done` settles; returns
 * how many were answered before it did. A server busy with one long analysis answers at most the first.
 */
async function requestsUntil(client: TestClient, small: { uri: string; text: string }, done: Promise<unknown>): Promise<number> {
  let settled = false;
  void done.finally(() => {
    settled = true;
  });
  let answered = 0;
  while (!settled) {
    if (answered % 2 === 0) {
      const h = await client.hover(small.uri, position(small.text, 'name: web', 7));
      assert.match(hoverText(h), /StatefulSet `web`/);
    } else {
      const c = await client.completion(small.uri, position(small.text, 'serviceName: ', 13));
      assert.ok(c, 'completion answered');
    }
    if (!settled) answered++;
  }
  return answered;
}

describe('large files', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('answers hovers and completions on another file while a multi-MB file is analysed', async (t) => {
    const small = await openSmall(client, 'beside-big');
    const uri = 'file:///virtual/big-1.yaml';
    const v = client.open(uri, SLOW_BIG);
    const diagnostics = client.waitForDiagnostics(uri, v, { timeoutMs: BIG_TIMEOUT });
    const answered = await requestsUntil(client, small, diagnostics);
    const d = await diagnostics;
    t.diagnostic(`${answered} requests answered meanwhile`);
    assert.ok(answered >= 3, `only ${answered} requests on another file were answered before the big file's diagnostics`);
    // The big file is fully analysed: 2000 correct pairs say nothing, and the version is the one sent.
    assert.deepEqual(d, []);
    assert.equal(client.published.filter((p) => p.uri === uri).at(-1)?.version, v);
    client.close(uri);
  });

  it('answers a hover on the big file itself once its model is built, serving other files meanwhile', async (t) => {
    const small = await openSmall(client, 'beside-own');
    const uri = 'file:///virtual/big-own.yaml';
    const v = client.open(uri, SLOW_BIG);
    // The last StatefulSet's name: the request waits for the whole model, never sees a partial one.
    const own = client.hover(uri, position(SLOW_BIG, '  name: db1999\n  labels: &labels\n    app: db1999\nspec:\n  serviceName', 8));
    const answered = await requestsUntil(client, small, own);
    assert.match(hoverText(await own), /StatefulSet `db1999`/);
    t.diagnostic(`${answered} requests answered meanwhile`);
    assert.ok(answered >= 3, `only ${answered} requests on another file were answered before the hover on the big file`);
    await client.waitForDiagnostics(uri, v, { timeoutMs: BIG_TIMEOUT });
    client.close(uri);
  });

  it('builds a big file\'s outline in slices (its diagnostics needed no document trees), serving other files meanwhile', async (t) => {
    const small = await openSmall(client, 'beside-outline');
    const uri = 'file:///virtual/big-outline.yaml';
    const v = client.open(uri, BIG);
    await client.waitForDiagnostics(uri, v, { timeoutMs: BIG_TIMEOUT });
    // Every document's tree is parsed for the outline (none was for the diagnostics of a clean file), and
    // dropped once read: thousands of documents, in slices, so requests on another file are answered
    // before the outline.
    const outline = client.documentSymbols(uri);
    const answered = await requestsUntil(client, small, outline);
    t.diagnostic(`${answered} requests answered meanwhile`);
    assert.ok(answered >= 3, `only ${answered} requests on another file were answered before the big file's outline`);
    const symbols = (await outline) ?? [];
    assert.equal(symbols.length, 4000);
    const last = symbols.at(-1);
    assert.equal(last.name, 'StatefulSet db1999');
    assert.deepEqual(last.selectionRange.start, position(BIG, '  name: db1999\n  labels:\n    app: db1999\nspec:\n  serviceName', 8));
    client.close(uri);
  });

  it('drops the analysis of a stale version: only the newest version of a big file gets diagnostics', async () => {
    const small = await openSmall(client, 'beside-stale');
    const uri = 'file:///virtual/big-2.yaml';
    const v1 = client.open(uri, SLOW_BIG);
    // Two answered requests after the open: the first may come before the analysis starts, the second
    // comes while it runs (a server that could not interleave would have published v1 by then).
    await client.hover(small.uri, position(small.text, 'name: web', 7));
    await client.hover(small.uri, position(small.text, 'name: web', 7));
    const published = client.published.filter((p) => p.uri === uri);
    assert.deepEqual(published.map((p) => p.version), [], 'v1 was published before its analysis could be dropped');
    // v2 has one broken StatefulSet at the end: its diagnostics say so.
    const v2 = client.change(uri, SLOW_BIG + '---\n' + STATEFULSET.replace('serviceName: nginx', 'serviceName: nowhere'));
    assert.ok(v2 > v1);
    const d = await client.waitForDiagnostics(uri, v2, { timeoutMs: BIG_TIMEOUT });
    assert.ok(d.some((x: Diagnostic) => x.code === 'governing-service-missing'), JSON.stringify(d.slice(0, 3)));
    assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => p.version), [v2]);
    // Still serving.
    assert.ok(client.alive);
    assert.match(hoverText(await client.hover(small.uri, position(small.text, 'name: web', 7))), /StatefulSet `web`/);
    client.close(uri);
  });

  it('drops the analysis of a big file that is closed mid-way, and keeps serving', async () => {
    const small = await openSmall(client, 'beside-closed');
    const uri = 'file:///virtual/big-3.yaml';
    client.open(uri, SLOW_BIG + '---\n' + STATEFULSET.replace('serviceName: nginx', 'serviceName: nowhere'));
    await client.hover(small.uri, position(small.text, 'name: web', 7));
    await client.hover(small.uri, position(small.text, 'name: web', 7));
    const cleared = client.nextDiagnostics(uri, { timeoutMs: BIG_TIMEOUT });
    client.close(uri);
    assert.deepEqual(await cleared, []);
    // Another big file analysed to the end takes as long as the closed one would have: had its run
    // gone on, its findings would have been published by now.
    const other = 'file:///virtual/big-4.yaml';
    const v = client.open(other, SLOW_BIG);
    await client.waitForDiagnostics(other, v, { timeoutMs: BIG_TIMEOUT });
    assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => p.diagnostics), [[]]);
    client.close(other);
    assert.ok(client.alive);
  });

  it('computes a rename that edits a file being rebuilt from that file\'s new text', async () => {
    const svcUri = 'file:///virtual/rename-svc.yaml';
    const v0 = client.open(svcUri, SERVICE);
    await client.waitForDiagnostics(svcUri, v0);
    const uri = 'file:///virtual/rename-big.yaml';
    const text = pairs(500) + '---\n' + STATEFULSET;
    const v1 = client.open(uri, text);
    await client.waitForDiagnostics(uri, v1, { timeoutMs: BIG_TIMEOUT });
    // A line more at the top, then at once a rename whose edits reach into that file: they must fit the new text.
    const shifted = '# moved down a line\n' + text;
    client.change(uri, shifted);
    const edit = await client.rename(svcUri, position(SERVICE, 'name: nginx', 8), 'nginx-headless');
    const changes = edit.changes ?? Object.fromEntries((edit.documentChanges ?? []).map((d: any) => [d.textDocument.uri, d.edits]));
    const edits: { range: { start: { line: number; character: number } }; newText: string }[] = changes[uri] ?? [];
    assert.deepEqual(edits.map((e) => e.range.start), [position(shifted, 'serviceName: nginx', 13)]);
    assert.equal(edits[0].newText, 'nginx-headless');
    client.close(uri);
    client.close(svcUri);
  });

  it('refuses a 50 MB file at once with a clear diagnostic, and keeps serving', async () => {
    const small = await openSmall(client, 'beside-huge');
    const uri = 'file:///virtual/huge.yaml';
    const v = client.open(uri, 'apiVersion: apps/v1\nkind: StatefulSet\n# ' + 'x'.repeat(50 * 1024 * 1024) + '\n');
    const d = await client.waitForDiagnostics(uri, v, { timeoutMs: BIG_TIMEOUT });
    assert.deepEqual(d.map((x) => x.code), ['file-too-large']);
    assert.match(d[0].message, /larger than 8 MB/);
    assert.match(hoverText(await client.hover(small.uri, position(small.text, 'name: web', 7))), /StatefulSet `web`/);
    client.close(uri);
    assert.ok(client.alive);
  });
});

describe('large files with pull diagnostics', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ pullDiagnostics: true });
  });
  after(async () => {
    await client.stop();
  });

  it('answers a pull for a big file when its analysis is done, and requests on other files meanwhile', async (t) => {
    const small = await openSmall(client, 'pull-beside-big');
    const uri = 'file:///virtual/pull-big.yaml';
    client.open(uri, SLOW_BIG + '---\n' + STATEFULSET.replace('serviceName: nginx', 'serviceName: nowhere'));
    const report = client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } }, BIG_TIMEOUT);
    const answered = await requestsUntil(client, small, report);
    t.diagnostic(`${answered} requests answered meanwhile`);
    assert.ok(answered >= 3, `only ${answered} requests on another file were answered before the big file's pull`);
    const r = await report;
    assert.equal(r.kind, 'full');
    assert.deepEqual(r.items.map((d) => d.code), ['governing-service-missing']);
    assert.ok(client.alive);
  });
});

describe('a big unopened file in the workspace', () => {
  it('is indexed in slices: requests on an open file are answered meanwhile, and its resources count', async (t) => {
    const ws = tempWorkspace({ 'big.yaml': BIG });
    const client = await TestClient.start({ workspaceFolders: [ws.dir] });
    try {
      const uri = ws.uri('web.yaml');
      // Its governing Service is the last one in big.yaml: found only once that file is indexed.
      const text = STATEFULSET.replace('serviceName: nginx', 'serviceName: db1999');
      client.open(uri, text);
      await client.waitForProgress('begin', BIG_TIMEOUT);
      const answered = await requestsUntil(client, { uri, text }, client.waitForProgress('end', BIG_TIMEOUT));
      // Reading the file takes a few round trips; building its model in one go would allow no more.
      t.diagnostic(`${answered} requests answered while indexing`);
      assert.ok(answered >= 6, `only ${answered} requests on the open file were answered while big.yaml was indexed`);
      await client.waitForDiagnostics(uri, undefined, { until: (d) => !d.some((x) => x.code === 'governing-service-missing'), timeoutMs: BIG_TIMEOUT });
      assert.ok(client.alive);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});
