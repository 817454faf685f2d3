// Entry of dist/server.js: runs the server bundle (dist/server-main.js) through V8's code cache, so a start skips compiling it.
// Compiling the 1.2 MB bundle and the functions the first analysis runs costs ~100 ms of CPU per start; the
// cache (bytecode V8 serialises after that first analysis) makes later starts deserialise it instead. The
// cache is only an optimisation: any problem with it (no directory, foreign owner, data V8 rejects) means a
// plain compile. Node's `module.enableCompileCache` (Node >= 22.1) is not used: the Node that editors run
// servers with is often older, and this caches after execution, which also covers lazily compiled functions.
//
// Arguments (besides the transport ones vscode-languageserver reads): `--code-cache-dir=<dir>` (the client
// passes its global storage path; never the workspace), `--no-code-cache`. Without a directory the cache
// lives in a per-user folder of the OS temp directory. Environment knobs for tests:
// STATEFULSET_CODE_CACHE_DELAY_MS (when to write it, default 3000) and STATEFULSET_CODE_CACHE_LOG=1 (report on stderr).
import { lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/** Content hash of dist/server-main.js, filled in by scripts/build.mjs. */
declare const SERVER_MAIN_HASH: string;

const MAIN = join(__dirname, 'server-main.js');
const log = process.env.STATEFULSET_CODE_CACHE_LOG === '1' ? (m: string) => process.stderr.write(`code cache: ${m}\n`) : () => undefined;

function argValue(name: string): string | undefined {
  const argv = process.argv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
    if (argv[i] === name && i + 1 < argv.length) return argv[i + 1];
  }
  return undefined;
}

/** A directory only this user can write to, or undefined: someone else's bytecode must never be run. */
function cacheDir(): string | undefined {
  if (process.argv.includes('--no-code-cache')) return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  // Directly under the (sticky) temp directory: nobody else can swap it for their own after the check below.
  const dir = argValue('--code-cache-dir') ?? join(tmpdir(), `statefulset-authoring-code-cache-${uid ?? 'user'}`);
  try {
    let st = lstatSync(dir, { throwIfNoEntry: false });
    if (!st) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      st = lstatSync(dir);
    }
    if (!st.isDirectory()) return undefined;
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) {
      log(`not using ${dir}: not owned by this user or writable by others`);
      return undefined;
    }
    return dir;
  } catch (e) {
    log(`no cache directory: ${(e as Error).message}`);
    return undefined;
  }
}

/**
 * Cache file name: bundle hash, size and mtime (V8 itself checks only the source length), V8 version,
 * architecture, and node's options (V8 rejects a cache made under other flags; two setups must not take turns).
 */
function cacheName(): string {
  const st = statSync(MAIN);
  let h = 5381;
  for (const c of `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`) h = (h * 33 + c.charCodeAt(0)) >>> 0;
  return `server-${SERVER_MAIN_HASH}-${st.size}-${Math.floor(st.mtimeMs)}-v8-${process.versions.v8}-${process.arch}-${h.toString(16)}.bin`;
}

function readCache(file: string): Buffer | undefined {
  try {
    const st = lstatSync(file);
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (!st.isFile() || (uid !== undefined && st.uid !== uid)) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes atomically (a concurrent server reads either nothing or a whole file) and drops caches of other bundles. */
function writeCache(dir: string, name: string, script: Script): void {
  try {
    const file = join(dir, name);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    renameSync(tmp, file);
    const bundle = `server-${SERVER_MAIN_HASH}-`;
    for (const f of readdirSync(dir)) if (f.startsWith('server-') && f.endsWith('.bin') && !f.startsWith(bundle)) unlinkSync(join(dir, f));
    log(`written ${file}`);
  } catch (e) {
    log(`not written: ${(e as Error).message}`);
  }
}

/**
 * GC settings for a long-running server whose live heap is tens of MB (a 1000-pair file: ~50 MB) while every
 * edit allocates a new copy of the file text and a re-parse. V8's defaults let the old generation grow to ~4x
 * the live heap before a full collection and the young generation to 2 x 16 MB: 50 edits of that file peaked
 * at ~210 MB RSS. A young generation that stays at its initial size and an old generation allowed to grow by
 * half before collecting peak at ~145 MB, for ~8 ms more CPU per edit there (measured; README). Set before
 * anything is compiled (V8's code cache checks the flags), and never over what the user passed to node.
 */
function tuneGc(): void {
  const given = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  const flags: [flag: string, unlessGiven: RegExp][] = [
    ['--semi-space-growth-factor=1', /--(semi[-_]space[-_]growth|(max|min)[-_]semi[-_]space)/],
    ['--heap-growing-percent=50', /--heap[-_]growing[-_]percent/],
  ];
  for (const [flag, unlessGiven] of flags) {
    if (unlessGiven.test(given)) continue;
    try {
      setFlagsFromString(flag);
    } catch {
      // A runtime whose V8 refuses flag changes keeps its defaults.
    }
  }
}

function boot(): void {
  tuneGc();
  // The bundle is one function expression (build.mjs wraps it), compiled as is: source maps stay exact.
  const source = readFileSync(MAIN, 'utf8');
  const dir = cacheDir();
  let name: string | undefined;
  let cachedData: Buffer | undefined;
  if (dir) {
    try {
      name = cacheName();
      cachedData = readCache(join(dir, name));
    } catch {
      name = undefined;
    }
  }
  const script = new Script(source, { filename: MAIN, ...(cachedData ? { cachedData } : {}) });
  log(cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'none');
  if (dir && name && (!cachedData || script.cachedDataRejected)) {
    const delay = Number(process.env.STATEFULSET_CODE_CACHE_DELAY_MS ?? 3000);
    // After the first analysis has compiled what a start needs; unref: never keeps a finished server alive.
    setTimeout(() => writeCache(dir, name!, script), delay).unref();
  }
  const main = script.runInThisContext() as (exports: unknown, req: NodeRequire, mod: NodeModule, filename: string, dirname: string) => void;
  main.call(module.exports, module.exports, require, module, MAIN, __dirname);
}

boot();
