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

test('there is a mistakes file for each group of seed-note mistakes', () => {
  assert.ok(mistakes.length >= 7, mistakes.join(', '));
});

for (const f of mistakes) {
  test(`${f} reports at least one error`, () => {
    const found = project(all).findings(uri(f));
    assert.ok(found.some((x) => x.severity === 'error'), `${f}: ${show(project(all), f).join('; ') || 'no findings'}`);
  });
}
