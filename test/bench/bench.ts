// `npm run bench`: LSP-level latency and memory of the built server (dist/server.js over stdio) on
// generated files of 1..1000 StatefulSet + headless Service pairs, plus CLI throughput (dist/cli.js).
// Env: BENCH_RUNS (default 3; medians are reported), BENCH_SIZES (default 1,10,100,1000), BENCH_CLI_DOCS (default 20000),
// BENCH_CLI_LARGE_DOCS (default 100000, 0 to skip), BENCH_CLI_SMALL_DOCS (default 200: one file, 0 to skip),
// BENCH_CLI_RUNS (default BENCH_RUNS). Wall times on a loaded machine mislead: the server/CLI CPU rows do not.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, type Position } from '../protocol/helpers/client';
import { pairs } from './generate';

const ROOT = resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '1,10,100,1000').split(',').map(Number);
const CLI_DOCS = Number(process.env.BENCH_CLI_DOCS ?? 20_000);
// A second, larger corpus: the fixed costs (node start, JIT warm-up, ~0.5 s) weigh less in it.
const CLI_LARGE_DOCS = Number(process.env.BENCH_CLI_LARGE_DOCS ?? 100_000);
// And a small one: one file, as a pre-commit hook or a small repository's CI gives it. Start-up is all of it.
const CLI_SMALL_DOCS = Number(process.env.BENCH_CLI_SMALL_DOCS ?? 200);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? RUNS);
const REQUESTS = 50;

type Metrics = Record<string, number | null>;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const median = (xs: number[]) => pct(xs, 50);

function procKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system, ms) the process has used so far; 10 ms resolution (clock ticks). */
function procCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}

/** Server CPU per operation across a loop: robust to a loaded machine, where wall time is not. */
async function cpuPer(pid: number, count: number, fn: () => Promise<void>): Promise<number | null> {
  const c0 = procCpuMs(pid);
  await fn();
  const c1 = procCpuMs(pid);
  return c0 === null || c1 === null ? null : (c1 - c0) / count;
}

/** Line/character of the n-th occurrence of `needle` (plus delta characters). */
function posOf(text: string, needle: string, from: number, delta = 0): Position {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`not found: ${needle}`);
  const o = at + delta;
  const line = text.slice(0, o).split('\n').length - 1;
  return { line, character: o - (text.lastIndexOf('\n', o - 1) + 1) };
}

async function timeIt<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * `count` one-character edits of the replicas digit at `rep` (3 -> 4 -> 3 ...: an even count leaves the text
 * as it was), each awaited to the diagnostics of its version, then followed by `after` (untimed); their times in ms.
 */
async function replicaEdits(client: TestClient, uri: string, rep: Position, count: number, after?: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    times.push(await timeIt(async () => {
      const v = client.changeRange(uri, { start: rep, end: { line: rep.line, character: rep.character + 1 } }, i % 2 === 0 ? '4' : '3');
      await client.waitForDiagnostics(uri, v, { timeoutMs: 120_000 });
    }));
    await after?.();
  }
  return times;
}

/** One fresh server, one file of `n` pairs: cold start, open, 50 edits, hover/inlay/completion, memory. */
async function lspRun(n: number): Promise<Metrics> {
  const text = pairs(n);
  const uri = `file:///bench/pairs-${n}.yaml`;
  const t0 = performance.now();
  const client = await TestClient.start({ args: CACHE_ARGS });
  const initMs = performance.now() - t0;
  const pid = client.proc.pid!;
  try {
    const tOpen = performance.now();
    const v1 = client.open(uri, text);
    await client.waitForDiagnostics(uri, v1, { timeoutMs: 120_000 });
    const firstDiagMs = performance.now() - t0;
    const openMs = performance.now() - tOpen;
    const firstDiagCpuMs = procCpuMs(pid);
    const rssAfterOpenKb = procKb(pid, 'VmHWM');

    // One-character edits to `replicas: 3` of the middle pair, each awaited to its own diagnostics.
    const mid = Math.floor(n / 2);
    const midAt = text.indexOf(`  name: db${mid}\nspec:\n  serviceName:`);
    const rep = posOf(text, 'replicas: 3', midAt, 'replicas: '.length);
    let edits: number[] = [];
    const editCpu = await cpuPer(pid, REQUESTS, async () => {
      edits = await replicaEdits(client, uri, rep, REQUESTS);
    });
    // After 50 edits the text is back to the original (even count).
    const hoverAt = [posOf(text, 'serviceName: ', midAt, 14), posOf(text, 'replicas: ', midAt, 11), posOf(text, 'name: data', midAt, 7), posOf(text, 'kind: StatefulSet', midAt - 400, 8), posOf(text, 'clusterIP: None', midAt - 400, 12)];
    const hovers: number[] = [];
    const hoverCpu = await cpuPer(pid, REQUESTS, async () => {
      for (let i = 0; i < REQUESTS; i++) hovers.push(await timeIt(() => client.hover(uri, hoverAt[i % hoverAt.length])));
    });
    // Inlay hints for a viewport of ~70 lines around the middle pair (what an editor asks for).
    const view = { start: { line: Math.max(0, rep.line - 35), character: 0 }, end: { line: rep.line + 35, character: 0 } };
    const inlays: number[] = [];
    const inlayCpu = await cpuPer(pid, REQUESTS, async () => {
      for (let i = 0; i < REQUESTS; i++) inlays.push(await timeIt(() => client.inlayHints(uri, view)));
    });
    const completions: number[] = [];
    let completionCpu: number | null = null;
    if (client.initializeResult?.capabilities?.completionProvider) {
      const compAt = [posOf(text, 'serviceName: ', midAt, 14), posOf(text, '  replicas', midAt, 2), posOf(text, 'cpu: 250m', midAt, 0)];
      completionCpu = await cpuPer(pid, REQUESTS, async () => {
        for (let i = 0; i < REQUESTS; i++) completions.push(await timeIt(() => client.completion(uri, compAt[i % compAt.length])));
      });
    }
    // Code actions where the cursor rests (VS Code asks at every cursor move, for its light bulb).
    const actionAt = [posOf(text, 'replicas: ', midAt, 11), posOf(text, 'serviceName: ', midAt, 14), posOf(text, 'name: data', midAt, 7)];
    const actions: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const at = actionAt[i % actionAt.length];
      actions.push(await timeIt(() => client.codeActions(uri, { start: at, end: at }, [])));
    }
    const rssKb = procKb(pid, 'VmHWM');
    // The outline (document symbols), as VS Code's breadcrumbs ask for it: once, then after each of 10 edits.
    const outlineFirstMs = await timeIt(() => client.documentSymbols(uri));
    const outlines: number[] = [];
    await replicaEdits(client, uri, rep, 10, async () => {
      outlines.push(await timeIt(() => client.documentSymbols(uri)));
    });
    const outlineRssKb = procKb(pid, 'VmHWM');
    if (!client.alive) throw new Error('server exited during the benchmark');
    return {
      initMs, firstDiagMs, firstDiagCpuMs, openMs, editCpu, hoverCpu, inlayCpu, completionCpu,
      editP50: pct(edits, 50), editP95: pct(edits, 95), editMax: Math.max(...edits),
      hoverP50: pct(hovers, 50), hoverP95: pct(hovers, 95),
      inlayP50: pct(inlays, 50), inlayP95: pct(inlays, 95),
      completionP50: completions.length ? pct(completions, 50) : null, completionP95: completions.length ? pct(completions, 95) : null,
      codeActionP50: pct(actions, 50), codeActionP95: pct(actions, 95),
      rssAfterOpenMb: rssAfterOpenKb === null ? null : rssAfterOpenKb / 1024,
      peakRssMb: rssKb === null ? null : rssKb / 1024,
      outlineFirstMs, outlineP50: pct(outlines, 50),
      outlinePeakRssMb: outlineRssKb === null ? null : outlineRssKb / 1024,
    };
  } finally {
    await client.stop();
  }
}

/** One CLI run over a directory of generated files holding `docs` documents, with its code cache in `cacheDir`. */
function cliRun(dir: string, docs: number, cacheDir: string, extra: string[] = []): Metrics {
  // GNU time (when installed) adds the CLI's CPU seconds, which a loaded machine does not inflate.
  const gnuTime = existsSync('/usr/bin/time');
  const cmd = [process.execPath, join(ROOT, 'dist', 'cli.js'), '--format', 'json', ...extra, dir];
  const options = { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, STATEFULSET_CODE_CACHE_DIR: cacheDir } } as const;
  const t0 = performance.now();
  const r = gnuTime ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S %M %R', ...cmd], options) : spawnSync(cmd[0], cmd.slice(1), options);
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`cli exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const m = /CPU ([\d.]+) ([\d.]+) (\d+) (\d+)\s*$/.exec(r.stderr ?? '');
  const cpuMs = m ? (Number(m[1]) + Number(m[2])) * 1000 : null;
  return {
    cliMs: ms, cliDocsPerSec: docs / (ms / 1000), cliCpuMs: cpuMs, cliDocsPerCpuSec: cpuMs ? docs / (cpuMs / 1000) : null,
    cliRssMb: m ? Number(m[3]) / 1024 : null, cliFaults: m ? Number(m[4]) : null,
  };
}

/**
 * cliRun medians over a fresh directory of generated files (100 pairs, 200 documents each) holding ~`docs`
 * documents (one file of docs / 2 pairs below 200). The first run has no code cache yet (cli/boot.ts writes it
 * as that run exits): it is reported on its own, and the medians are of the `runCount` runs after it. With
 * `compare`, each run alternates with one under --no-code-cache (their medians: cliNoCache*).
 */
function cliCorpus(parent: string, docs: number, runCount = CLI_RUNS, compare = false): Metrics {
  const files = Math.max(1, Math.round(docs / 200));
  const perFile = Math.min(100, Math.max(1, Math.round(docs / 2)));
  const dir = join(parent, `cli-${docs}`);
  const cacheDir = join(parent, `cli-cache-${docs}`);
  mkdirSync(dir);
  for (let f = 0; f < files; f++) writeFileSync(join(dir, `pairs-${f}.yaml`), pairs(perFile, f * perFile));
  const total = files * perFile * 2;
  process.stderr.write(`bench: CLI on ${total} documents, first run (no code cache)\n`);
  const first = cliRun(dir, total, cacheDir);
  const runs: Metrics[] = [];
  const uncached: Metrics[] = [];
  for (let r = 0; r < runCount; r++) {
    process.stderr.write(`bench: CLI on ${total} documents, run ${r + 1}/${runCount}\n`);
    runs.push(cliRun(dir, total, cacheDir));
    if (compare) uncached.push(cliRun(dir, total, cacheDir, ['--no-code-cache']));
  }
  rmSync(dir, { recursive: true, force: true });
  const without = compare ? medians(uncached) : {};
  return { ...medians(runs), cliDocs: total, cliFirstMs: first.cliMs, cliNoCacheMs: without.cliMs ?? null, cliNoCacheCpuMs: without.cliCpuMs ?? null };
}

function medians(runs: Metrics[]): Metrics {
  const out: Metrics = {};
  for (const k of Object.keys(runs[0])) {
    const xs = runs.map((r) => r[k]).filter((x): x is number => typeof x === 'number');
    out[k] = xs.length ? median(xs) : null;
  }
  return out;
}

const ROWS: [key: string, label: string, target: string][] = [
  ['initMs', 'spawn -> initialize result (ms)', ''],
  ['firstDiagMs', 'spawn -> first diagnostics (ms)', '<= 300'],
  ['firstDiagCpuMs', 'server CPU until first diagnostics (ms)', ''],
  ['openMs', 'didOpen -> diagnostics, cold server (ms)', ''],
  ['rssAfterOpenMb', 'peak RSS after open (MB)', '<= 60 (small files)'],
  ['editP50', 'edit -> diagnostics p50 (ms)', '<= 15 @10, <= 60 @1000'],
  ['editP95', 'edit -> diagnostics p95 (ms)', ''],
  ['editMax', 'edit -> diagnostics max (ms)', ''],
  ['editCpu', 'server CPU per edit, mean (ms)', ''],
  ['hoverP50', 'hover p50 (ms)', ''],
  ['hoverP95', 'hover p95 (ms)', '<= 5'],
  ['hoverCpu', 'server CPU per hover, mean (ms)', ''],
  ['inlayP50', 'inlay hints p50 (ms, ~70-line viewport)', ''],
  ['inlayP95', 'inlay hints p95 (ms)', '<= 5'],
  ['inlayCpu', 'server CPU per inlay request, mean (ms)', ''],
  ['completionP50', 'completion p50 (ms)', ''],
  ['completionP95', 'completion p95 (ms)', '<= 5'],
  ['completionCpu', 'server CPU per completion, mean (ms)', ''],
  ['codeActionP50', 'code actions at the cursor p50 (ms)', ''],
  ['codeActionP95', 'code actions at the cursor p95 (ms)', ''],
  ['peakRssMb', 'peak RSS after 50 edits + requests (MB)', '<= 150 @1000'],
  ['outlineFirstMs', 'outline (document symbols), first request (ms)', ''],
  ['outlineP50', 'outline after an edit, p50 of 10 (ms)', ''],
  ['outlinePeakRssMb', 'peak RSS after the outlines (MB)', ''],
];

function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined) return 'n/a';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** The server's V8 code cache (see server/src/lsp/boot.ts) lives in a fresh directory per benchmark. */
const CACHE_DIR = mkdtempSync(join(tmpdir(), 'sts-bench-cache-'));
const CACHE_ARGS = [`--code-cache-dir=${CACHE_DIR}`];

/**
 * The very first start after installing (no code cache yet): spawn -> first diagnostics on one pair.
 * The server writes its cache once its first analysis has run; later starts (every other row) use it,
 * as every start but the first does for users.
 */
async function firstStart(): Promise<number> {
  const t0 = performance.now();
  process.env.STATEFULSET_CODE_CACHE_DELAY_MS = '200';
  const client = await TestClient.start({ args: CACHE_ARGS });
  delete process.env.STATEFULSET_CODE_CACHE_DELAY_MS;
  try {
    const uri = 'file:///bench/first.yaml';
    await client.waitForDiagnostics(uri, client.open(uri, pairs(1)), { timeoutMs: 120_000 });
    const ms = performance.now() - t0;
    // Wait (on the file system, bounded) for the cache the later runs use.
    for (let i = 0; i < 100 && readdirSync(CACHE_DIR).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    return ms;
  } finally {
    await client.stop();
  }
}

/**
 * Files that are not clean manifests, each opened in a fresh server: didOpen -> diagnostics (ms). `broken`: the
 * 200 documents of 100 pairs, each behind a line of 100 unclosed `[` (a syntax error apiece, with ~100 errors
 * from the parser); `chart`: the same documents as Helm templates (`{{- if ... }}` ... `{{- end }}`), which
 * are skipped.
 */
async function badFileRun(kind: 'broken' | 'chart'): Promise<number> {
  const docs = pairs(100).split(/^---\n/m);
  const text = docs.map((d) => (kind === 'broken' ? `${'['.repeat(100)}\n${d}` : `{{- if .Values.enabled }}\n${d}{{- end }}\n`)).join('---\n');
  const client = await TestClient.start({ args: CACHE_ARGS });
  try {
    const uri = `file:///bench/${kind}.yaml`;
    const t0 = performance.now();
    await client.waitForDiagnostics(uri, client.open(uri, text), { timeoutMs: 120_000 });
    return performance.now() - t0;
  } finally {
    await client.stop();
  }
}

/** Peak RSS of the server so far (MB). */
const peakMb = (client: TestClient) => (procKb(client.proc.pid!, 'VmHWM') ?? 0) / 1024;

/** Opens the workspace file pairs-0.yaml (100 pairs) and waits for its diagnostics. */
async function openFirstPairs(client: TestClient, dir: string): Promise<{ uri: string; text: string }> {
  const uri = pathToFileURL(join(dir, 'pairs-0.yaml')).href;
  const text = readFileSync(join(dir, 'pairs-0.yaml'), 'utf8');
  await client.waitForDiagnostics(uri, client.open(uri, text), { timeoutMs: 120_000 });
  return { uri, text };
}

/** 20 one-character edits to the `replicas: 3` of that file's middle pair, each awaited to its diagnostics (ms each). */
function midFileEdits(client: TestClient, uri: string, text: string): Promise<number[]> {
  return replicaEdits(client, uri, posOf(text, 'replicas: 3', text.length >> 1, 'replicas: '.length), 20);
}

/**
 * A workspace of unopened files (the server indexes them for cross-file rules): spawn -> index done and
 * peak RSS then, for `files` files of 100 pairs (200 documents) each, written to `dir`.
 */
async function workspaceRun(dir: string, files: number): Promise<Metrics> {
  const t0 = performance.now();
  const client = await TestClient.start({ args: CACHE_ARGS, workspaceFolders: [dir] });
  try {
    await client.waitForLog(new RegExp(`indexed ${files} YAML files`), 300_000);
    const wsIndexMs = performance.now() - t0;
    const wsRssMb = peakMb(client);
    // Searches over every indexed document: find references on one file's serviceName (the first ask
    // reads every document's names), then a Go to Symbol query.
    const { uri, text } = await openFirstPairs(client, dir);
    const at = posOf(text, 'serviceName: ', 0, 'serviceName: '.length + 1);
    const wsRefsMs = await timeIt(() => client.references(uri, at));
    const wsSymbolMs = await timeIt(() => client.workspaceSymbols('web'));
    // One-character edits in that file (100 pairs), each awaited to its diagnostics, with the rest of
    // the workspace indexed: what the cross-resource rules cost when they look across 10,000 documents.
    const edits = await midFileEdits(client, uri, text);
    return { wsIndexMs, wsRssMb, wsRefsMs, wsSymbolMs, wsEditP50: median(edits), wsRssAfterMb: peakMb(client) };
  } finally {
    await client.stop();
  }
}

/**
 * The same workspace with diagnosticMode 'workspace': spawn -> every unopened file checked (the server
 * logs it), peak RSS then, and one-character edits in an open file of it (the unopened files are checked
 * again once the edits pause).
 */
async function workspaceDiagnosticsRun(dir: string): Promise<Metrics> {
  const t0 = performance.now();
  const client = await TestClient.start({ args: CACHE_ARGS, workspaceFolders: [dir], settings: { diagnosticMode: 'workspace' } });
  try {
    const swept = /workspace diagnostics: checked \d+ unopened files/;
    await client.waitForLog(swept, 300_000);
    const wdAllMs = performance.now() - t0;
    const wdRssMb = peakMb(client);
    const logged = client.logs.length;
    const { uri, text } = await openFirstPairs(client, dir);
    // The open file changes the index: the others are checked again.
    await client.waitForLog(swept, 300_000, logged);
    const edits = await midFileEdits(client, uri, text);
    return { wdAllMs, wdRssMb, wdEditP50: median(edits), wdRssAfterMb: peakMb(client) };
  } finally {
    await client.stop();
  }
}

/**
 * How fast this machine is right now: the median wall time of `node -e 0` over `runs` starts, with `env`
 * (default: this process's environment). The same machine kind varies by hour, and the CLI's rate with it:
 * taken before and after the runs, it says which hour a table came from.
 */
function nodeStartMs(env: NodeJS.ProcessEnv = process.env, runs = 11): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env });
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * The same without NODE_EXTRA_CA_CERTS, when it is set: node then reads and parses that CA file at every
 * start (~35-60 ms on these machines, whose tool environment sets it), although neither the server nor the
 * CLI makes a TLS connection. The measured processes keep the environment as it is; this says what it costs.
 */
function nodeStartWithoutExtraCaMs(): number | null {
  if (!process.env.NODE_EXTRA_CA_CERTS) return null;
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return nodeStartMs(env);
}

/**
 * How much this machine charges for memory touched for the first time: microseconds per 4 KB page, the
 * median of `runs` fresh node processes that each touch 64 MB of newly allocated memory. Every page a
 * run touches first costs one such fault; on this project's machine kind a fault takes ~10 us (a
 * bare-metal Linux machine takes well under 1), so the faults the CLI row counts are a large part of its time.
 */
function firstTouchUsPerPage(runs = 5): number | null {
  const script = 'const b=Buffer.allocUnsafeSlow(64<<20);const t=process.hrtime.bigint();for(let i=0;i<b.length;i+=4096)b[i]=1;process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e3/(b.length/4096)))';
  const us: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    const v = Number(r.stdout);
    if (r.status === 0 && Number.isFinite(v)) us.push(v);
  }
  return us.length ? median(us) : null;
}

async function main(): Promise<void> {
  for (const f of ['server.js', 'cli.js']) if (!existsSync(join(ROOT, 'dist', f))) console.warn(`bench: dist/${f} missing (run the build)`);
  const nodeStartBefore = nodeStartMs();
  const firstStartMs = await firstStart();
  const results: Record<string, Metrics> = {};
  const raw: Record<string, Metrics[]> = {};
  for (const n of SIZES) {
    raw[n] = [];
    for (let r = 0; r < RUNS; r++) {
      process.stderr.write(`bench: ${n} pairs, run ${r + 1}/${RUNS}\n`);
      raw[n].push(await lspRun(n));
    }
    results[n] = medians(raw[n]);
  }
  const badRuns: Metrics[] = [];
  for (let r = 0; r < RUNS; r++) {
    process.stderr.write(`bench: broken and templated files, run ${r + 1}/${RUNS}\n`);
    badRuns.push({ brokenOpenMs: await badFileRun('broken'), chartOpenMs: await badFileRun('chart') });
  }
  const bad = medians(badRuns);
  // CLI: files of 100 pairs (200 documents) each.
  const dir = mkdtempSync(join(tmpdir(), 'sts-bench-'));
  const cli: Metrics[] = [];
  let cliSmall: Metrics | undefined;
  let workspace: Metrics = { wsIndexMs: null, wsRssMb: null, wsDocs: null };
  let wsDiagnostics: Metrics = {};
  try {
    if (existsSync(join(ROOT, 'dist', 'cli.js'))) {
      // A small run takes a fifth of a second, and its noise is a large part of it: more runs.
      if (CLI_SMALL_DOCS > 0) cliSmall = cliCorpus(dir, CLI_SMALL_DOCS, Math.max(CLI_RUNS, 11), true);
      for (const docs of [CLI_DOCS, CLI_LARGE_DOCS]) if (docs > 0) cli.push(cliCorpus(dir, docs));
    }
    // Half of the CLI's files as an unopened workspace (10,000 documents by default); at least two, so that
    // one stays unopened once workspaceDiagnosticsRun opens the first (it waits for the others' check).
    const wsFiles = Math.max(2, Math.round(CLI_DOCS / 400));
    const wsDir = join(dir, 'workspace');
    mkdirSync(wsDir);
    for (let f = 0; f < wsFiles; f++) writeFileSync(join(wsDir, `pairs-${f}.yaml`), pairs(100, f * 100));
    const wsRuns: Metrics[] = [];
    for (let r = 0; r < RUNS; r++) wsRuns.push(await workspaceRun(wsDir, wsFiles));
    workspace = { ...medians(wsRuns), wsDocs: wsFiles * 200 };
    const wdRuns: Metrics[] = [];
    for (let r = 0; r < RUNS; r++) wdRuns.push(await workspaceDiagnosticsRun(wsDir));
    wsDiagnostics = medians(wdRuns);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const head = `| metric | ${SIZES.map((n) => `${n} pair${n === 1 ? '' : 's'}`).join(' | ')} | target |`;
  const lines = [head, `|---|${SIZES.map(() => '---:').join('|')}|---|`];
  for (const [k, label, target] of ROWS) lines.push(`| ${label} | ${SIZES.map((n) => fmt(results[n][k])).join(' | ')} | ${target} |`);
  lines.push('', `First start ever (no code cache yet), spawn -> first diagnostics on 1 pair: ${fmt(firstStartMs)} ms; every later start uses the cache (rows above).`);
  lines.push('', `Files that are not clean manifests, 200 documents each (100 pairs), didOpen -> diagnostics: each document behind a line of 100 unclosed \`[\` ${fmt(bad.brokenOpenMs)} ms; each a Helm template (\`{{- if ... }}\`, skipped) ${fmt(bad.chartOpenMs)} ms.`);
  if (cli.length) {
    const cols = cli.map((c) => `${c.cliDocs} documents in ${Math.round((c.cliDocs ?? 0) / 200)} files`);
    lines.push('', `| CLI (\`node dist/cli.js --format json\`) | ${cols.join(' | ')} | target |`, `|---|${cli.map(() => '---:').join('|')}|---|`);
    const row = (label: string, k: string, target = '') => lines.push(`| ${label} | ${cli.map((c) => fmt(c[k])).join(' | ')} | ${target} |`);
    row('wall time (ms, incl. node start)', 'cliMs');
    row('documents per second (wall)', 'cliDocsPerSec', '>= 20000');
    row('CPU time (ms, user + system)', 'cliCpuMs');
    row('documents per CPU second', 'cliDocsPerCpuSec');
    row('peak RSS (MB)', 'cliRssMb');
    row('minor page faults (pages of memory touched for the first time)', 'cliFaults');
    row('first run, before the code cache exists: wall time (ms)', 'cliFirstMs');
    if (cli.length === 2 && cli[0].cliDocs && cli[1].cliDocs && cli[0].cliMs && cli[1].cliMs && cli[1].cliMs > cli[0].cliMs) {
      // What each document beyond the smaller corpus costs: the rate without node's start and V8's warm-up.
      const marginal = (cli[1].cliDocs - cli[0].cliDocs) / ((cli[1].cliMs - cli[0].cliMs) / 1000);
      lines.push('', `Marginal rate, documents beyond the first ${cli[0].cliDocs} per second of extra wall time: ${fmt(marginal)}.`);
    }
  }
  if (cliSmall) {
    lines.push('', `CLI on one file of ${cliSmall.cliDocs} documents (a small project; start-up is most of it), medians of ${Math.max(CLI_RUNS, 11)} alternating runs: ${fmt(cliSmall.cliMs)} ms wall and ${fmt(cliSmall.cliCpuMs)} ms CPU with the code cache, ${fmt(cliSmall.cliNoCacheMs)} ms and ${fmt(cliSmall.cliNoCacheCpuMs)} ms with \`--no-code-cache\`; the very first run, which writes the cache: ${fmt(cliSmall.cliFirstMs)} ms.`);
  }
  lines.push('', `| workspace of ${workspace.wsDocs} unopened documents (${Math.round((workspace.wsDocs ?? 0) / 200)} files) | value |`, '|---|---:|');
  lines.push(`| spawn -> index done (ms) | ${fmt(workspace.wsIndexMs)} |`, `| peak RSS (MB) | ${fmt(workspace.wsRssMb)} |`);
  lines.push(`| find references on a serviceName, first ask (ms) | ${fmt(workspace.wsRefsMs)} |`, `| workspace symbols \`web\` (ms) | ${fmt(workspace.wsSymbolMs)} |`);
  lines.push(`| edit -> diagnostics p50 in that file (100 pairs, 20 edits) (ms) | ${fmt(workspace.wsEditP50)} |`);
  lines.push(`| peak RSS after all of these (MB) | ${fmt(workspace.wsRssAfterMb)} |`);
  lines.push(`| with \`diagnosticMode: workspace\`: spawn -> every unopened file checked (ms) | ${fmt(wsDiagnostics.wdAllMs)} |`, `| ... peak RSS then (MB) | ${fmt(wsDiagnostics.wdRssMb)} |`);
  lines.push(`| ... edit -> diagnostics p50 in that file (unopened files are checked again once typing pauses) (ms) | ${fmt(wsDiagnostics.wdEditP50)} |`, `| ... peak RSS after the edits (MB) | ${fmt(wsDiagnostics.wdRssAfterMb)} |`);
  const nodeStartAfter = nodeStartMs();
  const nodeStartNoExtraCa = nodeStartWithoutExtraCaMs();
  const touchUsPerPage = firstTouchUsPerPage();
  const env = `node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, load average ${(await import('node:os')).loadavg()[0].toFixed(2)}, medians of ${RUNS} LSP run(s) and ${CLI_RUNS} CLI run(s), ${REQUESTS} requests each; \`node -e 0\` took ${fmt(nodeStartBefore)} ms before the runs and ${fmt(nodeStartAfter)} ms after (median of 11: how fast the machine was)${nodeStartNoExtraCa === null ? '' : `, ${fmt(nodeStartNoExtraCa)} ms without NODE_EXTRA_CA_CERTS, which is set here and kept for the measured processes`}${touchUsPerPage === null ? '' : `; a first touch of new memory took ${touchUsPerPage.toFixed(1)} us per 4 KB page`}`;
  const md = `# Benchmark (${new Date().toISOString()})\n\n${env}\n\n${lines.join('\n')}\n`;
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'latest.json'), JSON.stringify({ date: new Date().toISOString(), env, nodeStartBefore, nodeStartAfter, nodeStartNoExtraCa, touchUsPerPage, runs: RUNS, sizes: SIZES, firstStartMs, bad, results, raw, cli, cliSmall, workspace, wsDiagnostics }, null, 2));
  rmSync(CACHE_DIR, { recursive: true, force: true });
  writeFileSync(join(ROOT, 'bench-results', 'latest.md'), md);
  console.log(md);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
