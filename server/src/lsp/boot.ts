// Entry of dist/server.js: runs the server bundle (dist/server-main.js) through V8's code cache (boot/code-cache.ts).
// Compiling the 1.2 MB bundle and the functions the first analysis runs costs ~100 ms of CPU per start; the
// cache (bytecode V8 serialises after that first analysis) makes later starts deserialise it instead.
//
// Arguments (besides the transport ones vscode-languageserver reads): `--code-cache-dir=<dir>` (the client
// passes its global storage path; never the workspace), `--no-code-cache`. Without a directory the cache
// lives in a per-user folder of the OS temp directory. Environment knobs for tests:
// STATEFULSET_CODE_CACHE_DELAY_MS (when to write it, default 3000) and STATEFULSET_CODE_CACHE_LOG=1 (report on stderr).
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { logFromEnv, runWithCodeCache } from '../boot/code-cache';

/** Content hash of dist/server-main.js, filled in by scripts/build.mjs. */
declare const SERVER_MAIN_HASH: string;

function argValue(name: string): string | undefined {
  const argv = process.argv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
    if (argv[i] === name && i + 1 < argv.length) return argv[i + 1];
  }
  return undefined;
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

tuneGc();
runWithCodeCache(module, require, {
  main: join(__dirname, 'server-main.js'),
  hash: SERVER_MAIN_HASH,
  prefix: 'server',
  dir: process.argv.includes('--no-code-cache') ? null : argValue('--code-cache-dir'),
  // After the first analysis has compiled what a start needs.
  writeAfter: { ms: Number(process.env.STATEFULSET_CODE_CACHE_DELAY_MS ?? 3000) },
  log: logFromEnv(),
});
