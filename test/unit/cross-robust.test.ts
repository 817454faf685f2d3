// The cross-resource rules and name prediction never throw: every cross fixture is mutated line by
// line (line dropped: missing fields and broken nesting; value replaced by a map) and re-analysed as a workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from '../../server/src/core/project';
import { predictNames } from '../../server/src/core/names';
import { normalizeSettings } from '../../server/src/core/settings';
import { WORKSPACE_RULES } from '../../server/src/core/rules';

const root = join(__dirname, '..', 'fixtures', 'cross');

function workspaces(): string[][] {
  return readdirSync(root).sort().map((n) => {
    const p = join(root, n);
    return statSync(p).isDirectory() ? readdirSync(p).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(p, f)) : [p];
  });
}

const VALUE = /^(\s*(?:- )?[A-Za-z0-9_.\/-]+:)\s+\S.*$/;
const REPLACEMENTS = ['', ' {}'];

test('mutated cross fixtures never make a workspace rule or predictNames throw', () => {
  const errors: string[] = [];
  let runs = 0;
  for (const files of workspaces()) {
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    files.forEach((file, k) => {
      const lines = texts[k].split('\n');
      const variants: string[] = [];
      lines.forEach((line, i) => {
        variants.push([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'));
        const m = VALUE.exec(line);
        if (m) for (const r of REPLACEMENTS.slice(1)) variants.push([...lines.slice(0, i), m[1] + r, ...lines.slice(i + 1)].join('\n'));
      });
      for (const v of variants) {
        runs++;
        const p = new Project(normalizeSettings({}), {
          docRules: [],
          workspaceRules: WORKSPACE_RULES,
          onRuleError: (code, e) => errors.push(`${file} (${code}): ${(e as Error)?.stack ?? e}`),
        });
        files.forEach((f, j) => p.setFile(`file:///ws/${j}.yaml`, j === k ? v : texts[j]));
        for (const u of p.index.uris()) {
          p.findings(u);
          for (const r of p.getFile(u)!.resources) {
            try {
              predictNames(r, p.settings, p.index);
            } catch (e) {
              errors.push(`${file}: predictNames: ${(e as Error)?.stack ?? e}`);
            }
          }
        }
        if (errors.length > 5) break;
      }
    });
  }
  assert.ok(runs > 1000, `only ${runs} variants`);
  assert.deepEqual(errors.slice(0, 5), []);
});
