// Seeded subset of the stdio server fuzz (the long run is `npm run fuzz`): hostile didOpen/didChange
// batches; the server answers a hover after each batch, never exits, and its diagnostics stay inside the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzServer } from '../fuzz/server-fuzz';

test('the server survives hostile open/change batches and keeps answering', async () => {
  const r = await fuzzServer({ seed: 20261125, batches: 12, timeoutMs: 30_000 });
  assert.equal(r.batches, 12);
  assert.ok(r.messages >= 48);
});

test('with diagnosticMode workspace, hostile unopened files are checked too, and their diagnostics lie inside them', async () => {
  const r = await fuzzServer({ seed: 20261501, batches: 8, timeoutMs: 30_000, workspace: true });
  assert.equal(r.batches, 8);
});
