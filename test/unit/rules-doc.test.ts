// The rule catalog in docs/rules.md must match the registry, and every rule must be documented and unique.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rulesDoc } from '../../scripts/rules-doc';
import { DOC_RULES, WORKSPACE_RULES } from '../../server/src/core/rules';

const root = join(__dirname, '..', '..');

test('docs/rules.md is generated from the registry (regenerate with scripts/rules-doc.ts)', () => {
  assert.equal(readFileSync(join(root, 'docs', 'rules.md'), 'utf8'), rulesDoc());
});

test('rule codes are unique kebab-case, described, and each lives in the file named by its code', () => {
  const all = [...DOC_RULES, ...WORKSPACE_RULES];
  const codes = all.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length, 'duplicate codes');
  const files = new Set(readdirSync(join(root, 'server', 'src', 'core', 'rules')).map((f) => f.replace(/\.ts$/, '')));
  for (const r of all) {
    assert.match(r.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(r.description.length > 10, `${r.code} has no description`);
    assert.ok(['error', 'warning', 'info'].includes(r.severity), r.code);
    assert.ok(files.has(r.code), `${r.code} is not in rules/${r.code}.ts`);
  }
});
