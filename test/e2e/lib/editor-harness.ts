// Shared by the headless editor-client tests (Neovim, Emacs, Vim): run an editor's harness script against the built
// server over stdio and read back the JSON it writes; 0-based positions of text in a fixture.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
const SERVER = join(ROOT, 'dist', 'server.js');

/** A diagnostic as the harnesses write it (the LSP fields the tests read). */
export interface Diagnostic { range: { start: { line: number; character: number } }; code?: string | number; message: string; severity?: number }

/**
 * Runs `command args` in a throw-away directory that is also its HOME, with LSP_CMD (the server) and LSP_OUT
 * (where the harness writes its JSON) set, plus what `env` returns for that directory. A missing editor, a
 * timeout or a non-zero exit fails the test (never skipped).
 */
export function runHarness<T extends { errors: string[] }>(command: string, args: readonly string[], env: (dir: string) => Record<string, string>): T {
  const dir = mkdtempSync(join(tmpdir(), `statefulset-${command}-`));
  try {
    const outFile = join(dir, 'out.json');
    const r = spawnSync(command, args, {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60000,
      killSignal: 'SIGKILL',
      env: { ...process.env, HOME: dir, LSP_CMD: JSON.stringify([process.execPath, SERVER, '--stdio']), LSP_OUT: outFile, ...env(dir) },
    });
    assert.ok(!r.error, `${command} could not run: ${r.error}`);
    let out: T;
    try {
      out = JSON.parse(readFileSync(outFile, 'utf8'));
    } catch {
      throw new Error(`${command} exited ${r.status} without a result:\n${r.stdout}\n${r.stderr}`);
    }
    assert.equal(r.status, 0, `${command} harness exit ${r.status}: ${JSON.stringify(out.errors)}\n${r.stderr}`);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * runHarness with LSP_FILE a copy of `file` in the throw-away directory, which the editor takes as the project
 * (the repository around the examples would make the server index every fixture).
 */
export function runOnCopy<T extends { errors: string[] }>(command: string, args: readonly string[], file: string, env: Record<string, string> = {}): T {
  return runHarness<T>(command, args, (dir) => {
    const copy = join(dir, basename(file));
    copyFileSync(file, copy);
    return { LSP_FILE: copy, ...env };
  });
}

/** "line:character" of the first `needle` at or after the first `after` in `file`. */
export function position(file: string, needle: string, after = ''): string {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(needle, after ? text.indexOf(after) : 0);
  assert.ok(at >= 0, `'${needle}' not found in ${file}`);
  const before = text.slice(0, at).split('\n');
  return `${before.length - 1}:${before[before.length - 1].length}`;
}
