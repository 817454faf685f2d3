// Neovim 0.7's built-in LSP client against `node dist/server.js --stdio`: diagnostics, hover and a quick fix, headless.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { position } from '../lib/position';

const root = join(__dirname, '..', '..', '..');
const server = join(root, 'dist', 'server.js');

interface Diagnostic { range: { start: { line: number; character: number } }; code?: string | number; message: string; severity?: number }
interface Result { diagnostics: Diagnostic[]; hover?: string; codeActions?: string[]; lineAfterFix?: string; diagnosticsAfterFix?: Diagnostic[]; errors: string[]; events: { name: string; ms: number }[] }

/** Runs the harness in a throw-away HOME; a missing nvim or a timeout fails the test (never skipped). */
function runNvim(file: string, env: Record<string, string> = {}): Result {
  const dir = mkdtempSync(join(tmpdir(), 'statefulset-nvim-'));
  try {
    const outFile = join(dir, 'out.json');
    const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(__dirname, 'harness.lua')}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60000,
      killSignal: 'SIGKILL',
      env: {
        ...process.env,
        HOME: dir,
        XDG_STATE_HOME: join(dir, 'state'),
        XDG_CACHE_HOME: join(dir, 'cache'),
        XDG_DATA_HOME: join(dir, 'data'),
        LSP_CMD: JSON.stringify([process.execPath, server, '--stdio']),
        LSP_FILE: file,
        LSP_OUT: outFile,
        ...env,
      },
    });
    assert.ok(!r.error, `nvim could not run: ${r.error}`);
    let out: Result;
    try {
      out = JSON.parse(readFileSync(outFile, 'utf8'));
    } catch {
      throw new Error(`nvim exited ${r.status} without a result:\n${r.stdout}\n${r.stderr}`);
    }
    assert.equal(r.status, 0, `nvim harness exit ${r.status}: ${JSON.stringify(out.errors)}`);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('neovim: the clean web example has no diagnostics and the claim template hover shows PVC names', () => {
  const file = join(root, 'examples', 'web.yaml');
  const [line, col] = position(file, 'www', 'volumeClaimTemplates:').split(':').map(Number);
  const out = runNvim(file, { LSP_HOVER: `${line}:${col + 1}` });
  assert.deepEqual(out.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
  assert.match(out.hover ?? '', /www-web-0/);
  assert.match(out.hover ?? '', /web-1\.nginx\.default\.svc\.cluster\.local/);
});

test('neovim: the kind typo is diagnosed, offered a quick fix, and fixing it clears the diagnostic', () => {
  const file = join(root, 'examples', 'mistakes', '1-kind-case.yaml');
  const out = runNvim(file, { LSP_ACTION_CODE: 'unknown-kind', LSP_APPLY: '1' });
  const d = out.diagnostics.find((x) => x.code === 'unknown-kind');
  assert.ok(d, JSON.stringify(out.diagnostics));
  assert.equal(`${d.range.start.line}`, position(file, 'statefulSet', 'apiVersion: apps/v1').split(':')[0]);
  assert.equal(d.severity, 1);
  assert.ok(out.codeActions?.some((t) => t.includes('StatefulSet')), JSON.stringify(out.codeActions));
  assert.equal(out.lineAfterFix, 'kind: StatefulSet');
  assert.deepEqual(out.diagnosticsAfterFix?.filter((x) => x.code === 'unknown-kind'), []);
});
