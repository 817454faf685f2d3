// The shipped examples: web.yaml and mysql.yaml are correct (zero findings, alone or with every
// example), and each file under examples/mistakes/ shows at least one error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project } from '../../server/src/core/project';
import { DEFAULT_SETTINGS, SUPPORTED_VERSIONS, normalizeSettings } from '../../server/src/core/settings';

const dir = join(__dirname, '..', '..', 'examples');
const mistakes = readdirSync(join(dir, 'mistakes')).filter((f) => f.endsWith('.yaml')).sort().map((f) => join('mistakes', f));
const all = ['web.yaml', 'mysql.yaml', ...mistakes];

function project(files: string[], settings = DEFAULT_SETTINGS): Project {
  const p = new Project(settings);
  for (const f of files) p.setFile(uri(f), readFileSync(join(dir, f), 'utf8'));
  return p;
}
const uri = (f: string) => pathToFileURL(join(dir, f)).href;
const show = (p: Project, f: string) => p.findings(uri(f)).map((x) => `${x.severity} ${x.code}: ${x.message}`);

for (const f of ['web.yaml', 'mysql.yaml']) {
  test(`${f} alone has zero findings on every supported Kubernetes version`, () => {
    for (const v of SUPPORTED_VERSIONS) assert.deepEqual(show(project([f], normalizeSettings({ kubernetesVersion: v })), f), [], `${f} on ${v}`);
  });

  test(`${f} has zero findings next to all other examples`, () => {
    assert.deepEqual(show(project(all), f), []);
  });
}

/** The seed-note mistakes each file reproduces, by the codes that must report them. */
const EXPECTED: Record<string, string[]> = {
  'mistakes/1-kind-case.yaml': ['unknown-kind'],
  'mistakes/2-pod-template-typos.yaml': ['unknown-field', 'image-missing', 'volume-mount-unknown'],
  'mistakes/3-pv-pvc.yaml': ['access-modes', 'unknown-field', 'storage-request'],
  'mistakes/4-mysql-services.yaml': ['missing-kind-or-api-version', 'unknown-field'],
  'mistakes/5-mysql-skeleton.yaml': ['image-missing', 'storage-request', 'unknown-field', 'claim-template-unmounted'],
  'mistakes/6-mysql-init-container.yaml': ['yaml-syntax'],
  'mistakes/7-mysql-placeholders.yaml': ['yaml-syntax'],
  'mistakes/8-mysql-nesting.yaml': ['missing-required', 'unknown-field'],
  'mistakes/9-rbd-pod.yaml': ['unknown-field', 'image-missing', 'volume-mount-unknown'],
};

/** The plain-language hint each YAML syntax mistake must carry (see server/src/core/syntax-hints.ts). */
const HINTS: Record<string, RegExp[]> = {
  'mistakes/6-mysql-init-container.yaml': [/"- \|"/],
  'mistakes/7-mysql-placeholders.yaml': [/"\.\.\." is not a placeholder/, /"containers" has no colon/],
};

for (const [f, hints] of Object.entries(HINTS)) {
  test(`${f} explains its syntax mistakes in plain words`, () => {
    const p = project(all);
    const messages = p.findings(uri(f)).filter((x) => x.code === 'yaml-syntax').map((x) => x.message);
    for (const h of hints) assert.ok(messages.some((m) => h.test(m)), `${f}: no ${h} in ${messages.join('; ')}`);
  });
}

test('every mistakes file is listed with the codes it must show', () => {
  assert.deepEqual(mistakes, Object.keys(EXPECTED).sort());
});

for (const f of mistakes) {
  test(`${f} reports its mistakes (${(EXPECTED[f] ?? []).join(', ')}) and at least one error`, () => {
    const p = project(all);
    const found = p.findings(uri(f));
    assert.ok(found.some((x) => x.severity === 'error'), `${f}: ${show(p, f).join('; ') || 'no findings'}`);
    const codes = new Set(found.map((x) => x.code));
    for (const c of EXPECTED[f] ?? []) assert.ok(codes.has(c), `${f}: no ${c} in ${show(p, f).join('; ')}`);
    // Everything in namespace `mistakes` has its Services and ConfigMap: no cross-resource noise.
    assert.ok(!codes.has('governing-service-missing'), show(p, f).join('; '));
  });
}
