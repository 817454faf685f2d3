// Neovim 0.7's built-in LSP client against `node dist/server.js --stdio`: diagnostics, hover, a quick fix and the
// generated pods and PVCs (workspace/executeCommand), diagnostics of a file never opened (diagnosticMode workspace), a change
// since git HEAD (baseline gitHead), headless.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from '../../helpers/git';
import { position, ROOT, runHarness, type Diagnostic } from '../lib/editor-harness';

interface Result { diagnostics: Diagnostic[]; unopened?: Diagnostic[]; unopenedLoaded?: boolean; unopenedInNeovim?: number; hover?: string; generated?: string; codeActions?: string[]; lineAfterFix?: string; diagnosticsAfterFix?: Diagnostic[]; errors: string[]; events: { name: string; ms: number }[] }

function runNvim(file: string, env: Record<string, string> = {}): Result {
  return runHarness<Result>('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(__dirname, 'harness.lua')}`], (dir) => ({
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_DATA_HOME: join(dir, 'data'),
    LSP_FILE: file,
    ...env,
  }));
}

test('neovim: the clean web example has no diagnostics, the claim template hover shows PVC names, the command shows the PVCs', () => {
  const file = join(ROOT, 'examples', 'web.yaml');
  const [line, col] = position(file, 'www', 'volumeClaimTemplates:').split(':').map(Number);
  const out = runNvim(file, { LSP_HOVER: `${line}:${col + 1}`, LSP_GENERATED: '1' });
  assert.deepEqual(out.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
  assert.match(out.hover ?? '', /www-web-0/);
  assert.match(out.hover ?? '', /web-1\.nginx\.default\.svc\.cluster\.local/);
  // The command any LSP client can run: what the StatefulSet makes Kubernetes create.
  assert.match(out.generated ?? '', /kind: PersistentVolumeClaim\nmetadata:\n {2}name: www-web-1\n/);
});

test('neovim: the kind typo is diagnosed, offered a quick fix, and fixing it clears the diagnostic', () => {
  const file = join(ROOT, 'examples', 'mistakes', '1-kind-case.yaml');
  const out = runNvim(file, { LSP_ACTION_CODE: 'unknown-kind', LSP_APPLY: '1' });
  const d = out.diagnostics.find((x) => x.code === 'unknown-kind');
  assert.ok(d, JSON.stringify(out.diagnostics));
  assert.equal(`${d.range.start.line}`, position(file, 'statefulSet', 'apiVersion: apps/v1').split(':')[0]);
  assert.equal(d.severity, 1);
  assert.ok(out.codeActions?.some((t) => t.includes('StatefulSet')), JSON.stringify(out.codeActions));
  assert.equal(out.lineAfterFix, 'kind: StatefulSet');
  assert.deepEqual(out.diagnosticsAfterFix?.filter((x) => x.code === 'unknown-kind'), []);
});

test('neovim: with diagnosticMode workspace, a file of the project that is never opened gets its diagnostics', () => {
  const file = join(ROOT, 'examples', 'web.yaml');
  const unopened = join(ROOT, 'examples', 'mistakes', '3-pv-pvc.yaml');
  const out = runNvim(file, { LSP_DIAGNOSTIC_MODE: 'workspace', LSP_UNOPENED: unopened });
  assert.deepEqual(out.diagnostics, []);
  const codes = (out.unopened ?? []).map((d) => `${d.range.start.line}:${d.code}`);
  assert.ok(codes.includes(`${position(unopened, 'spec:').split(':')[0]}:access-modes`), JSON.stringify(codes));
  assert.ok(codes.includes(`${position(unopened, 'request:').split(':')[0]}:unknown-field`), JSON.stringify(codes));
  // Neovim keeps them for a buffer it has not loaded: its diagnostic list (and :lua vim.diagnostic.setqflist()) shows them.
  assert.equal(out.unopenedLoaded, false);
  assert.equal(out.unopenedInNeovim, out.unopened?.length);
});

test('neovim: with baseline gitHead, a serviceName changed since the last commit is reported, and the fix restores it', () => {
  const repo = mkdtempSync(join(tmpdir(), 'statefulset-nvim-git-'));
  try {
    const file = join(repo, 'web.yaml');
    const web = readFileSync(join(ROOT, 'examples', 'web.yaml'), 'utf8');
    writeFileSync(file, web);
    git(repo, 'init', '-q');
    git(repo, 'add', 'web.yaml');
    git(repo, 'commit', '-q', '-m', 'web');
    // Changed on disk since the commit; the Service renamed with it, so the restore fix is the only fix.
    writeFileSync(file, web.replace('name: nginx', 'name: web-svc').replace('serviceName: nginx', 'serviceName: web-svc'));
    const out = runNvim(file, { LSP_BASELINE: 'gitHead', LSP_WAIT_CODE: 'immutable-field-changed', LSP_ACTION_CODE: 'immutable-field-changed', LSP_APPLY: '1' });
    const d = out.diagnostics.find((x) => x.code === 'immutable-field-changed');
    assert.match(d?.message ?? '', /^Changed since HEAD: serviceName changed from 'nginx' to 'web-svc'/);
    assert.deepEqual(out.codeActions, ['Restore serviceName nginx (as at HEAD)']);
    assert.match(out.lineAfterFix ?? '', /^ {2}serviceName: nginx\b/);
    assert.deepEqual(out.diagnosticsAfterFix?.filter((x) => x.code === 'immutable-field-changed'), []);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});
