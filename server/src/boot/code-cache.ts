// Runs a bundle through V8's code cache, so that a start deserialises bytecode instead of compiling the bundle.
// Shared by the server's entry (lsp/boot.ts) and the command line's (cli/boot.ts). The cache is only an
// optimisation: any problem with it (no directory, foreign owner, data V8 rejects) means a plain compile.
// Node's `module.enableCompileCache` (Node >= 22.1) is not used: the Node that editors and CI images run is
// often older, and a cache made after the bundle has run also covers the functions it compiled lazily.
import { lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

export interface CodeCacheOptions {
  /** The bundle: one function expression `(function (exports, require, module, __filename, __dirname) {...})`. */
  main: string;
  /** Its content hash (scripts/build.mjs fills it in); a new build gets a new cache and drops the old one. */
  hash: string;
  /** Cache file name prefix, one per bundle (`server`, `cli`). */
  prefix: string;
  /** A directory given by the user; undefined: a per-user folder of the OS temp directory; null: no cache. */
  dir: string | null | undefined;
  /** When to write a new cache: after the bundle has run for `ms` milliseconds, or as the process exits. */
  writeAfter: { ms: number } | 'exit';
  log(message: string): void;
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

/** Writes atomically (a concurrent process reads either nothing or a whole file) and drops caches of other builds of the bundle. */
function writeCache(dir: string, name: string, script: Script, o: CodeCacheOptions): void {
  try {
    const file = join(dir, name);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    renameSync(tmp, file);
    const ours = `${o.prefix}-`;
    const current = `${o.prefix}-${o.hash}-`;
    for (const f of readdirSync(dir)) if (f.startsWith(ours) && f.endsWith('.bin') && !f.startsWith(current)) unlinkSync(join(dir, f));
    o.log(`written ${file}`);
  } catch (e) {
    o.log(`not written: ${(e as Error).message}`);
  }
}

/**
 * Compiles and runs the bundle with `mod` as its module (its exports, require and paths), through the cache.
 * Set V8 flags before calling: V8 accepts only a cache made under the same flags.
 */
export function runWithCodeCache(mod: NodeModule, req: NodeRequire, o: CodeCacheOptions): void {
  // The bundle is compiled as is (build.mjs wraps it in the function expression): source maps stay exact.
  const source = readFileSync(o.main, 'utf8');
  const dir = o.dir === null ? undefined : cacheDir(o.dir, o.log);
  let name: string | undefined;
  let cachedData: Buffer | undefined;
  if (dir) {
    try {
      name = cacheName(o);
      cachedData = readCache(join(dir, name));
    } catch {
      name = undefined;
    }
  }
  const script = new Script(source, { filename: o.main, ...(cachedData ? { cachedData } : {}) });
  o.log(cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'none');
  if (dir && name && (!cachedData || script.cachedDataRejected)) {
    const write = () => writeCache(dir, name!, script, o);
    // Once the bundle has compiled what a run needs. unref: a timer never keeps a finished process alive.
    if (o.writeAfter === 'exit') process.once('exit', write);
    else setTimeout(write, o.writeAfter.ms).unref();
  }
  const main = script.runInThisContext() as (exports: unknown, req: NodeRequire, mod: NodeModule, filename: string, dirname: string) => void;
  main.call(mod.exports, mod.exports, req, mod, o.main, dirname(o.main));
}
