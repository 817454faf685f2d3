// Fuzz over the real language server via stdio: batches of didOpen/didChange (full and ranged, some with
// out-of-range positions) carrying hostile content; after each batch a hover must be answered and the
// process must still be running; at the end every file's diagnostics for its last version lie inside it.
// With `workspace`, hostile files also lie unopened in a workspace folder checked with diagnosticMode
// 'workspace': their pushed diagnostics must lie inside them too.
import fc from 'fast-check';
import { TestClient, tempWorkspace, withTimeout, type Diagnostic, type Range } from '../protocol/helpers/client';
import { mutated, randomYaml } from './arbitraries';
import { seedTexts } from './engine';

export interface ServerFuzzResult {
  batches: number;
  messages: number;
  maxHoverMs: number;
}

const HOSTILE = ['['.repeat(100_000), '{'.repeat(5000) + '\n', 'a: &a [x,x,x,x,x,x,x,x]\n' + 'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill('*' + 'abcdefghi'[i]).join(',')}]`).join('\n'), '\u0000\uFFFD\uD800 binary', '\uFEFF---\r\nkind: [\r\n'];

function lineCount(t: string): number {
  return t.split(/\r\n|\r|\n/).length;
}

/** Throws unless every diagnostic lies inside `text`. */
function assertInside(diags: Diagnostic[], text: string, what: string): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const g of diags) {
    for (const p of [g.range.start, g.range.end]) {
      if (p.line < 0 || p.line >= lines.length || p.character < 0 || p.character > lines[p.line].length) throw new Error(`${what}: diagnostic outside the text: ${JSON.stringify(g)}`);
    }
  }
}

/** Runs `batches` batches against one server process; throws on the first violation. */
export async function fuzzServer(opts: { seed: number; batches: number; timeoutMs?: number; huge?: boolean; workspace?: boolean }): Promise<ServerFuzzResult> {
  const timeout = opts.timeoutMs ?? 20_000;
  const seeds = seedTexts().map((s) => s.text);
  const texts = fc.sample(fc.oneof({ weight: 4, arbitrary: mutated(seeds).map((m) => m.text) }, { weight: 1, arbitrary: randomYaml }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) }), { seed: opts.seed, numRuns: opts.batches * 3 });
  const rnd = fc.sample(fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(300), fc.nat(300), fc.boolean()), { seed: opts.seed + 1, numRuns: opts.batches * 3 });
  // Unopened files: the hostile texts, a known-good manifest (so the check has something to report on) and some of the batch texts.
  const onDisk: Record<string, string> = {};
  if (opts.workspace) {
    [...HOSTILE, seeds[0], ...texts.slice(0, 12)].forEach((t, i) => {
      onDisk[`unopened/ws${i}.yaml`] = t;
    });
  }
  const ws = opts.workspace ? tempWorkspace(onDisk) : undefined;
  const client = await TestClient.start(ws ? { workspaceFolders: [ws.dir], settings: { diagnosticMode: 'workspace' } } : {});
  const current = new Map<string, string>();
  let messages = 0;
  let maxHoverMs = 0;
  try {
    if (opts.huge) {
      // A 50 MB file: one info diagnostic, and the server keeps answering meanwhile.
      const uri = 'file:///fuzz/huge.yaml';
      const v = client.open(uri, 'kind: ConfigMap\n# ' + 'x'.repeat(50 * 1024 * 1024) + '\n');
      // Moving 50 MB through JSON-RPC takes seconds on a busy machine: a longer wait, still bounded.
      const hugeTimeout = Math.max(timeout, 60_000);
      await withTimeout(client.request('textDocument/hover', { textDocument: { uri: 'file:///fuzz/none.yaml' }, position: { line: 0, character: 0 } }, hugeTimeout).catch(() => null), hugeTimeout, 'hover next to a 50 MB file');
      const d = await client.waitForDiagnostics(uri, v, { timeoutMs: hugeTimeout });
      if (!d.some((x) => x.code === 'file-too-large')) throw new Error(`50 MB file: expected file-too-large, got ${JSON.stringify(d).slice(0, 300)}`);
      client.close(uri);
      messages += 3;
    }
    for (let b = 0; b < opts.batches; b++) {
      const uri = `file:///fuzz/doc${b % 4}.yaml`;
      for (let k = 0; k < 3; k++) {
        const text = texts[b * 3 + k];
        const [l1, c1, l2, c2, ranged] = rnd[b * 3 + k];
        if (!current.has(uri)) {
          client.open(uri, text);
          current.set(uri, text);
        } else if (ranged) {
          // A ranged edit, sometimes beyond the end of the text: servers must clamp, not die.
          const range: Range = { start: { line: l1 % (lineCount(current.get(uri)!) + 3), character: c1 }, end: { line: l2 % (lineCount(current.get(uri)!) + 3), character: c2 } };
          if (range.end.line < range.start.line) [range.start, range.end] = [range.end, range.start];
          client.changeRange(uri, range, text.slice(0, 2000));
          current.delete(uri); // the exact text after a clamped edit is the server's business
        } else {
          client.change(uri, text);
          current.set(uri, text);
        }
        messages++;
      }
      const t0 = performance.now();
      try {
        await withTimeout(client.request('textDocument/hover', { textDocument: { uri }, position: { line: rnd[b][0] % 50, character: rnd[b][1] % 40 } }), timeout, `hover after batch ${b}`);
      } catch (e) {
        // An error response is an answer; only silence (timeout) or death fails.
        if (/timed out|timeout/i.test((e as Error).message)) throw e;
      }
      maxHoverMs = Math.max(maxHoverMs, performance.now() - t0);
      messages++;
      if (!client.alive) throw new Error(`server exited after batch ${b}: ${client.stderr.join('').slice(-2000)}`);
    }
    // A last known full text per file: its diagnostics must point inside it.
    for (let d = 0; d < 4; d++) {
      const uri = `file:///fuzz/doc${d}.yaml`;
      const text = seeds[d % seeds.length];
      const v = client.change(uri, text);
      assertInside(await client.waitForDiagnostics(uri, v, { timeoutMs: timeout }), text, uri);
    }
    if (ws) {
      // Every unopened file has been checked at least once (the log line ends a complete pass).
      await client.waitForLog(/workspace diagnostics: checked \d+ unopened files/, Math.max(timeout, 60_000));
      for (const [rel, text] of Object.entries(onDisk)) {
        for (const p of client.published.filter((x) => x.uri === ws.uri(rel))) assertInside(p.diagnostics, text, rel);
      }
      if (!client.published.some((p) => p.uri.startsWith(ws.uri('unopened/')) && p.diagnostics.length)) throw new Error('no unopened file was reported');
    }
    if (!client.alive) throw new Error('server exited');
    return { batches: opts.batches, messages, maxHoverMs };
  } finally {
    await client.stop();
    ws?.cleanup();
  }
}
