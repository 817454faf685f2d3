// 0-based LSP positions of text in a fixture, for the editor-client tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/** "line:character" of the first `needle` at or after the first `after` in `file`. */
export function position(file: string, needle: string, after = ''): string {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(needle, after ? text.indexOf(after) : 0);
  assert.ok(at >= 0, `'${needle}' not found in ${file}`);
  const before = text.slice(0, at).split('\n');
  return `${before.length - 1}:${before[before.length - 1].length}`;
}
