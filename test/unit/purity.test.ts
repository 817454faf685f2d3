// Architecture invariants: the analysis core does no IO and knows no protocol; nothing evaluates code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) {
      if (n !== 'generated') out.push(...sources(p));
    } else if (/\.ts$/.test(n) && !n.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const IO_MODULES = /from ['"](?:node:)?(fs|fs\/promises|net|http|https|http2|tls|dns|dgram|child_process|worker_threads|cluster|timers|readline)['"]|from ['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|vscode-jsonrpc[^'"]*)['"]|require\(/;
const TIMERS = /\b(setTimeout|setInterval|setImmediate|queueMicrotask)\s*\(/;
const EVAL = /\beval\s*\(|new\s+Function\s*\(/;

test('server/src/core imports no IO, protocol or editor modules and uses no timers', () => {
  const core = sources(join(root, 'server', 'src', 'core'));
  assert.ok(core.length > 50, `only ${core.length} core files found`);
  const bad: string[] = [];
  for (const f of core) {
    const text = readFileSync(f, 'utf8');
    for (const [i, line] of text.split('\n').entries()) {
      if (/^\s*(\/\/|\*)/.test(line)) continue;
      if (IO_MODULES.test(line) || TIMERS.test(line)) bad.push(`${relative(root, f)}:${i + 1}: ${line.trim()}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('no eval or new Function anywhere in the sources or the bundles', () => {
  const files = [...sources(join(root, 'server', 'src')), ...sources(join(root, 'client', 'src'))];
  const bad = files.filter((f) => EVAL.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
  for (const b of ['server.js', 'server-main.js', 'cli.js', 'cli-main.js', 'client.js']) {
    const p = join(root, 'dist', b);
    if (EVAL.test(readFileSync(p, 'utf8'))) bad.push(`dist/${b}`);
  }
  assert.deepEqual(bad, []);
});

test('only the LSP layer, the CLI and their loaders (boot/) touch the file system', () => {
  const all = sources(join(root, 'server', 'src'));
  const fsUsers = all.filter((f) => /from ['"](?:node:)?fs(\/promises)?['"]/.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
  for (const f of fsUsers) assert.match(f, /^server\/src\/(lsp|cli|boot)\//, f);
});
