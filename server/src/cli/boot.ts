// Entry of dist/cli.js: sets the CLI's V8 flags, then runs the checker (dist/cli-main.js, from main.ts) through
// V8's code cache (boot/code-cache.ts). A small run is mostly start-up: checking the examples takes ~0.26 s, and
// about a quarter of it is compiling the 1.6 MB bundle and the functions the run calls. With the cache, written
// as the first run that checks files exits, later runs deserialise that bytecode instead (~0.20 s).
//
// `--no-code-cache` (an option of the command) neither reads nor writes a cache. The cache lives in a per-user
// folder of the OS temp directory, or in STATEFULSET_CODE_CACHE_DIR (a folder kept between runs, e.g. by CI).
// STATEFULSET_CODE_CACHE_LOG=1 reports on standard error what happened to it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { logFromEnv, runWithCodeCache } from '../boot/code-cache';

/** Content hash of dist/cli-main.js, filled in by scripts/build.mjs. */
declare const CLI_MAIN_HASH: string;

// A run lasts about a second, and much of it is V8's warm-up: the parser and the rules run unoptimized
// until its background compiler gets to them, and on two cores that compiler was busy for longer than
// the whole run (1.9 s of compile work for 20,000 documents). Without inlining it has half the work;
// the optimized code is barely slower. Measured on the 20,000-document benchmark: ~8% less wall time,
// ~15% less CPU. Only the optimizer's choices change, never a result. Set before the bundle is compiled:
// V8 accepts only a code cache made under the same flags.
setFlagsFromString('--no-turbo-inlining');

/** The command's options end at `--`; a path after it may be called anything. */
const args = process.argv.slice(2);
const optionsEnd = args.indexOf('--');
const options = optionsEnd < 0 ? args : args.slice(0, optionsEnd);
const noCache = options.includes('--no-code-cache');
// A run that only prints its help or version compiles too little to be worth caching (and would stand for every
// later run); neither is a run that fails on its arguments (exit status 2).
const checks = !options.some((a) => a === '-h' || a === '--help' || a === '-v' || a === '--version');

const main = join(__dirname, 'cli-main.js');
if (!existsSync(main)) {
  process.stderr.write(`statefulset-lint: ${main} is missing; run \`npm run build\` first.\n`);
  process.exit(2);
}
runWithCodeCache(module, require, {
  main,
  hash: CLI_MAIN_HASH,
  prefix: 'cli',
  dir: noCache ? null : process.env.STATEFULSET_CODE_CACHE_DIR || undefined,
  writeAfter: { exit: true, worthIt: (code) => checks && (code === 0 || code === 1) },
  log: logFromEnv(),
});
