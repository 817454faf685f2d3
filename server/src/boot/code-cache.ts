// Runs a bundle through V8's code cache, so that a start deserialises bytecode instead of compiling the bundle.
// Shared by the server's entry (lsp/boot.ts) and the command line's (cli/boot.ts). The cache is only an
// optimisation: any problem with it (no directory, a foreign owner, a damaged file, data V8 rejects) means a
// plain compile.
// Node's `module.enableCompileCache` (Node >= 22.1) is not used: the Node that editors and CI images run is
// often older, and a cache made after the bundle has run also covers the functions it compiled lazily.
import { lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

export interface CodeCacheOptions {
  /** The bundle: one function expression `(function (exports, require, module, __filename, __dirname) {...})`. */
  main: string;
  /** Its content hash (scripts/build.mjs fills it in): each build has a cache of its own. */
  hash: string;
  /** Cache file name prefix, one per bundle (`server`, `cli`). */
  prefix: string;
  /** A directory given by the user; undefined: a per-user folder of the OS temp directory; null: no cache. */
  dir: string | null | undefined;
  /**
   * When to write a new cache: after the bundle has run for `ms` milliseconds, or as the process exits, if
   * `worthIt(exitCode)` says the run compiled what later runs need (not a `--version`, not a usage error).
   */
  writeAfter: { ms: number } | { exit: true; worthIt(exitCode: number): boolean };
  log(message: string): void;
}

/** What a cache reports when STATEFULSET_CODE_CACHE_LOG=1: on standard error, `code cache: <what>`. */
export function logFromEnv(): (message: string) => void {
  return process.env.STATEFULSET_CODE_CACHE_LOG === '1' ? (m) => process.stderr.write(`code cache: ${m}\n`) : () => undefined;
}

/** How many other caches of the bundle (other builds, other node options) a write keeps: the newest. */
const KEEP_OTHERS = 3;

/** A cache file is a checksum of the data (4 bytes), then the data V8 made: V8 checks none, and damaged bytecode can crash it. */
const HEADER = 4;

/**
 * A 32-bit checksum of `data` (FNV-1a over 32-bit words, then the tail bytes, then the length). It is there to
 * catch damage (a torn write, a bad disk) at ~1 ms a megabyte; what keeps others' bytecode out is the folder's
 * ownership. Not node:crypto or node:zlib: loading either costs a small run more than the checksum itself.
 */
export function checksum(data: Uint8Array): number {
  const n = data.length >> 2;
  // An unaligned view is read from a copy (new Uint8Array copies; a Buffer's slice would be a view again).
  const words = data.byteOffset % 4 === 0 ? new Int32Array(data.buffer, data.byteOffset, n) : new Int32Array(new Uint8Array(data.subarray(0, n * 4)).buffer);
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ words[i], 0x01000193);
  for (let i = n * 4; i < data.length; i++) h = Math.imul(h ^ data[i], 0x01000193);
  return (h ^ data.length) >>> 0;
}

/** A directory only this user can write to, or undefined: someone else's bytecode must never be run. */
function cacheDir(given: string | undefined, log: (m: string) => void): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  // Directly under the (sticky) temp directory: nobody else can swap it for their own after the check below.
  const dir = given ?? join(tmpdir(), `statefulset-authoring-code-cache-${uid ?? 'user'}`);
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
function cacheName(o: CodeCacheOptions): string {
  const st = statSync(o.main);
  let h = 5381;
  for (const c of `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`) h = (h * 33 + c.charCodeAt(0)) >>> 0;
  return `${o.prefix}-${o.hash}-${st.size}-${Math.floor(st.mtimeMs)}-v8-${process.versions.v8}-${process.arch}-${h.toString(16)}.bin`;
}

/** The cached data, when the file is ours and whole (its checksum matches); undefined otherwise. */
function readCache(file: string, o: CodeCacheOptions): Buffer | undefined {
  let bytes: Buffer;
  try {
    const st = lstatSync(file);
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (!st.isFile() || (uid !== undefined && st.uid !== uid)) return undefined;
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(HEADER);
  if (bytes.length <= HEADER || bytes.readUInt32LE(0) !== checksum(data)) {
    o.log('damaged: not used');
    return undefined;
  }
  return data;
}

/**
 * Writes atomically under a name no other process picks (a concurrent process reads either nothing or a whole
 * file), then drops all but the KEEP_OTHERS newest other caches of the bundle: a CI folder kept between jobs
 * does not grow, and two installed versions that share the temp folder do not delete each other's cache.
 */
function writeCache(dir: string, name: string, script: Script, o: CodeCacheOptions): void {
  const file = join(dir, name);
  // A name no other process picks, even one with the same pid in another container sharing the folder.
  const tmp = `${file}.${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.tmp`;
  try {
    const data = script.createCachedData();
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(checksum(data), 0);
    writeFileSync(tmp, Buffer.concat([header, data]), { mode: 0o600, flag: 'wx' });
    renameSync(tmp, file);
    o.log(`written ${file}`);
  } catch (e) {
    o.log(`not written: ${(e as Error).message}`);
    try {
      unlinkSync(tmp);
    } catch {
      // Never created, or already gone.
    }
    return;
  }
  const others: { path: string; mtime: number }[] = [];
  const leftovers: string[] = [];
  try {
    for (const f of readdirSync(dir)) {
      if (f === name || !f.startsWith(`${o.prefix}-`)) continue;
      const path = join(dir, f);
      const st = lstatSync(path, { throwIfNoEntry: false });
      if (!st) continue;
      if (f.endsWith('.bin')) others.push({ path, mtime: st.mtimeMs });
      // A temp file younger than a minute may be another process's write in progress.
      else if (f.endsWith('.tmp') && Date.now() - st.mtimeMs > 60_000) leftovers.push(path);
    }
  } catch {
    return;
  }
  others.sort((a, b) => b.mtime - a.mtime);
  for (const path of [...others.slice(KEEP_OTHERS).map((x) => x.path), ...leftovers]) {
    try {
      unlinkSync(path);
    } catch {
      // Another process removed it first.
    }
  }
}

/**
 * Compiles and runs the bundle with `mod` as its module (its exports, require and paths), through the cache.
 * Set V8 flags before calling: V8 accepts only a cache made under the same flags.
 */
export function runWithCodeCache(mod: NodeModule, req: NodeRequire, o: CodeCacheOptions): void {
  // The bundle is compiled as is (build.mjs wraps it in the function expression): source maps stay exact.
  // It is ASCII (build.mjs checks), so read as Latin-1, which copies bytes, where UTF-8 decodes them: the
  // same string, a few ms sooner at every start.
  const source = readFileSync(o.main, 'latin1');
  const dir = o.dir === null ? undefined : cacheDir(o.dir, o.log);
  let name: string | undefined;
  let cachedData: Buffer | undefined;
  if (dir) {
    try {
      name = cacheName(o);
      cachedData = readCache(join(dir, name), o);
    } catch {
      name = undefined;
    }
  }
  const script = new Script(source, { filename: o.main, ...(cachedData ? { cachedData } : {}) });
  o.log(cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'none');
  if (dir && name && (!cachedData || script.cachedDataRejected)) {
    // Once the bundle has compiled what a run needs. unref: a timer never keeps a finished process alive.
    const when = o.writeAfter;
    if ('exit' in when) process.once('exit', (code) => when.worthIt(code) && writeCache(dir, name!, script, o));
    else setTimeout(() => writeCache(dir, name!, script, o), when.ms).unref();
  }
  const main = script.runInThisContext() as (exports: unknown, req: NodeRequire, mod: NodeModule, filename: string, dirname: string) => void;
  main.call(mod.exports, mod.exports, req, mod, o.main, dirname(o.main));
}
