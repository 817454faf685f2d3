// Emacs 28's eglot client (Debian's elpa-eglot) against `node dist/server.js --stdio`, headless: diagnostics as
// published and as Flymake shows them, hover, and a quick fix applied by eglot's own edit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { position, ROOT, runOnCopy, type Diagnostic } from '../lib/editor-harness';

interface Result {
  diagnostics: Diagnostic[];
  flymake: string[];
  hover?: string;
  codeActions?: string[];
  lineAfterFix?: string;
  diagnosticsAfterFix?: Diagnostic[];
  flymakeAfterFix?: string[];
  errors: string[];
}

/** The harness on a copy of `file`, which eglot takes as its project. */
function runEglot(file: string, env: Record<string, string> = {}): Result {
  return runOnCopy<Result>('emacs', ['--batch', '-q', '-l', join(__dirname, 'harness-eglot.el')], file, env);
}

test('eglot: the clean web example has no diagnostics and the claim template hover shows PVC names', () => {
  const file = join(ROOT, 'examples', 'web.yaml');
  const [line, col] = position(file, 'www', 'volumeClaimTemplates:').split(':').map(Number);
  const out = runEglot(file, { LSP_HOVER: `${line}:${col + 1}` });
  assert.deepEqual(out.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
  assert.deepEqual(out.flymake, []);
  assert.match(out.hover ?? '', /www-web-0/);
  assert.match(out.hover ?? '', /web-1\.nginx\.default\.svc\.cluster\.local/);
});

test('eglot: the kind typo shows in Flymake, its quick fix applies, and the diagnostic clears', () => {
  const file = join(ROOT, 'examples', 'mistakes', '1-kind-case.yaml');
  const out = runEglot(file, { LSP_ACTION_CODE: 'unknown-kind', LSP_APPLY: '1' });
  const d = out.diagnostics.find((x) => x.code === 'unknown-kind');
  assert.ok(d, JSON.stringify(out.diagnostics));
  const line = Number(position(file, 'statefulSet', 'apiVersion: apps/v1').split(':')[0]);
  assert.equal(d.range.start.line, line);
  assert.equal(d.severity, 1);
  // Flymake counts lines from 1, and eglot prefixes the source and code.
  assert.ok(out.flymake.some((m) => m.startsWith(`${line + 1}: statefulset [unknown-kind]: Unknown kind "statefulSet"`)), JSON.stringify(out.flymake));
  assert.deepEqual(out.codeActions, ['Change kind to StatefulSet']);
  assert.equal(out.lineAfterFix, 'kind: StatefulSet');
  assert.deepEqual(out.diagnosticsAfterFix?.filter((x) => x.code === 'unknown-kind'), []);
  assert.deepEqual(out.flymakeAfterFix?.filter((m) => m.includes('[unknown-kind]')), []);
});
