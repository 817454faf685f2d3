// Build: generate the Kubernetes schema (if a generator exists), then bundle client, server and CLI with esbuild.
// Usage: node scripts/build.mjs [--watch] [--minify]
// The server is two files: dist/server-main.js (the bundle, always minified: less to read and compile at
// every start) and dist/server.js (server/src/lsp/boot.ts, which runs the bundle through V8's code cache).
// The command line likewise: dist/cli-main.js and dist/cli.js (server/src/cli/boot.ts).
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const gen = join(root, 'scripts', 'gen-schema.mjs');
if (existsSync(gen)) {
  const r = spawnSync(process.execPath, [gen], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify,
  logLevel: 'warning',
  absWorkingDir: root,
  // yaml's ES module build (the package gives it to non-node platforms): bundled as ES modules, its
  // functions are called directly, where the CommonJS build puts two property getters in front of
  // every isMap/isScalar call (~4% of the CLI's time). The two builds differ only in environment
  // probes (process.env, Buffer) that the core schema never reaches.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};

// The server and CLI bundles are each one function expression `(function (exports, require, module, __filename,
// __dirname) {...})` that boot/code-cache.ts compiles with vm.Script (and its code cache); esbuild shifts the
// source map for the wrapper.
const wrapped = { banner: { js: '(function (exports, require, module, __filename, __dirname) {' }, footer: { js: '})' } };
const serverMain = { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server-main.js', minify: true, ...wrapped };
const cliMain = { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli-main.js', ...wrapped };
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
].filter((e) => existsSync(join(root, e.entryPoints[0])));

/**
 * A loader, built after its bundle: it carries the bundle's hash to name (and invalidate) the code cache.
 * `main` is the bundle's options, `boot` the loader's entry and output, `define` the name of the hash.
 */
function loaderOptions(main, boot, define) {
  const bundle = readFileSync(join(root, main.outfile));
  // The loader reads the bundle as Latin-1 (boot/code-cache.ts), which is its text only while it is ASCII
  // (esbuild escapes other characters by default).
  const wide = bundle.findIndex((b) => b > 0x7f);
  if (wide >= 0) throw new Error(`${main.outfile}: byte ${wide} is not ASCII; the code-cache loader reads the bundle as Latin-1`);
  const hash = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
  return { ...common, ...boot, define: { [define]: JSON.stringify(hash) } };
}
const loaders = [
  [serverMain, { entryPoints: ['server/src/lsp/boot.ts'], outfile: 'dist/server.js' }, 'SERVER_MAIN_HASH'],
  [cliMain, { entryPoints: ['server/src/cli/boot.ts'], outfile: 'dist/cli.js' }, 'CLI_MAIN_HASH'],
];
const rebuildLoader = (l) => ({ name: 'rebuild-loader', setup: (b) => b.onEnd(async (r) => { if (!r.errors.length) await esbuild.build(loaderOptions(...l)); }) });

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
  for (const l of loaders) await (await esbuild.context({ ...common, ...l[0], plugins: [rebuildLoader(l)] })).watch();
} else {
  await Promise.all([
    ...entries.map((e) => esbuild.build({ ...common, ...e })),
    ...loaders.map((l) => esbuild.build({ ...common, ...l[0] }).then(() => esbuild.build(loaderOptions(...l)))),
  ]);
}
