// The single-resource rules never throw on odd shapes: every node of every rule fixture is replaced by
// two of null / a string / a list / a map (rotating), and analysis must not report internal-error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, parseAllDocuments, type Node } from 'yaml';
import { buildFileModel } from '../../server/src/core/model';
import { analyzeFile } from '../../server/src/core/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { ResourceIndex } from '../../server/src/core/workspace';
import { DOC_RULES } from '../../server/src/core/rules';

const dir = join(__dirname, '..', 'fixtures', 'rules');
const REPLACEMENTS = [null, 'x', [{ a: 1 }], { a: [1] }];

/** All key paths in a JS value (maps and lists). */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([...prefix, i]); paths(x, [...prefix, i], out); });
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push([...prefix, k]); paths(x, [...prefix, k], out); }
  return out;
}

test('rules survive every node replaced by another shape', () => {
  // The rules under test: those with a fixture named by their code here.
  const fixtures = new Set(readdirSync(dir));
  const rules = DOC_RULES.filter((r) => fixtures.has(`${r.code}.yaml`));
  assert.ok(rules.length >= 40, `${rules.length} rules`);
  const seen = new Set<string>();
  let runs = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const docs = parseAllDocuments(readFileSync(join(dir, f), 'utf8'));
    if (!Array.isArray(docs)) continue;
    for (const d of docs) {
      if (d.errors.length || !(isMap(d.contents) || isSeq(d.contents)) || seen.has(String(d))) continue;
      seen.add(String(d));
      const base = d.toJS() as Record<string, unknown>;
      if (JSON.stringify(base).length > 20_000) continue;
      for (const [n, p] of paths(base).entries()) {
        // kind/apiVersion select the rules; later list items repeat what the first two show.
        if (p[0] === 'kind' || p[0] === 'apiVersion' || p.some((x) => typeof x === 'number' && x > 1)) continue;
        // One shape per node, rotating, keeps the run short; over the fixtures every shape hits every kind of node.
        for (const rep of [REPLACEMENTS[n % REPLACEMENTS.length], REPLACEMENTS[(n + 2) % REPLACEMENTS.length]]) {
          const doc = d.clone();
          doc.setIn(p, doc.createNode(rep) as Node);
          const text = doc.toString();
          const model = buildFileModel('file:///robust.yaml', text, DEFAULT_SETTINGS.limits);
          const crashes = analyzeFile(model, new ResourceIndex(), DEFAULT_SETTINGS, { docRules: rules, workspaceRules: [] }).filter((x) => x.code === 'internal-error');
          assert.deepEqual(crashes.map((x) => x.message), [], `${f} with ${p.join('.')} = ${JSON.stringify(rep)}`);
          runs++;
        }
      }
    }
  }
  assert.ok(runs > 500, `only ${runs} variants`);
});
