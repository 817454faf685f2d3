// Vim 9 with Debian's ALE (3.3) as the LSP client against `node dist/server.js --stdio`, headless: the
// diagnostics as published and as ALE lists them for the buffer, and a hover through ALE's connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { position, ROOT, runOnCopy, type Diagnostic } from '../lib/editor-harness';

interface LoclistItem { lnum: number; col: number; type: string; code: string; text: string; linter: string }
interface Result { diagnostics: Diagnostic[]; loclist: LoclistItem[]; hover?: string; errors: string[] }

/** The harness on a copy of `file`, whose directory ALE takes as the project root. */
function runAle(file: string, env: Record<string, string> = {}): Result {
  return runOnCopy<Result>('vim', ['-N', '-u', 'NONE', '-i', 'NONE', '-n', '-es', '-S', join(__dirname, 'harness-ale.vim')], file, env);
}

test('vim + ALE: the clean web example lists nothing, and the claim template hover shows PVC names', () => {
  const file = join(ROOT, 'examples', 'web.yaml');
  const [line, col] = position(file, 'www', 'volumeClaimTemplates:').split(':').map(Number);
  const out = runAle(file, { LSP_HOVER: `${line}:${col + 1}` });
  assert.deepEqual(out.diagnostics, []);
  assert.deepEqual(out.loclist, []);
  assert.match(out.hover ?? '', /www-web-0/);
  assert.match(out.hover ?? '', /web-1\.nginx\.default\.svc\.cluster\.local/);
});

test('vim + ALE: the kind typo is an error in ALE\'s list for the buffer, with its code and place', () => {
  const file = join(ROOT, 'examples', 'mistakes', '1-kind-case.yaml');
  const out = runAle(file);
  const d = out.diagnostics.find((x) => x.code === 'unknown-kind');
  assert.ok(d, JSON.stringify(out.diagnostics));
  const [line, col] = position(file, 'statefulSet', 'apiVersion: apps/v1').split(':').map(Number);
  assert.deepEqual([d.range.start.line, d.range.start.character], [line, col]);
  // ALE's list is 1-based; E is an error.
  const item = out.loclist.find((x) => x.code === 'unknown-kind');
  assert.ok(item, JSON.stringify(out.loclist));
  assert.deepEqual([item.lnum, item.col, item.type, item.linter], [line + 1, col + 1, 'E', 'statefulset']);
  assert.match(item.text, /did you mean "StatefulSet"/);
  assert.equal(out.loclist.length, out.diagnostics.length);
});
