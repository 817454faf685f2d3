// Data-driven rule tests: every test/fixtures/**/*.yaml file (or *.workspace/ directory, analysed
// together) must produce exactly the findings annotated in it. See test/helpers/fixtures.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkFixtures } from '../helpers/fixtures';

const root = join(__dirname, '..', 'fixtures');

function cases(dir: string): { name: string; files: string[] }[] {
  const out: { name: string; files: string[] }[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) {
      if (n.endsWith('.workspace')) {
        const files = readdirSync(p).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(p, f));
        out.push({ name: p.slice(root.length + 1), files });
      } else out.push(...cases(p));
    } else if (/\.ya?ml$/.test(n)) out.push({ name: p.slice(root.length + 1), files: [p] });
  }
  return out;
}

for (const c of cases(root)) {
  test(`fixture ${c.name}`, () => {
    const r = checkFixtures(c.files);
    assert.deepEqual({ missing: r.missing, unexpected: r.unexpected }, { missing: [], unexpected: [] });
  });
}
