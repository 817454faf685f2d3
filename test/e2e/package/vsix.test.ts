// The .vsix carries exactly what VS Code loads (bundles, snippets, grammars, README, LICENSE) and no sources or node_modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('vsce would package the bundles, snippets, grammars and license, and nothing else', () => {
  const r = spawnSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
  for (const want of ['package.json', 'LICENSE', 'dist/client.js', 'dist/server.js', 'snippets/statefulset.json',
    'syntaxes/shell-in-yaml.injection.tmLanguage.json', 'syntaxes/env-reference.injection.tmLanguage.json']) {
    assert.ok(files.includes(want), `${want} missing from the package: ${files.join(', ')}`);
  }
  if (existsSync(join(root, 'README.md'))) {
    assert.ok(files.includes('README.md'));
    // Relative links of the README (screenshot, rules catalog) must resolve inside the installed extension.
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const m of readme.matchAll(/\]\((docs\/[^)#\s]+)/g)) assert.ok(files.includes(m[1]), `README links ${m[1]}, which is not packaged`);
  }
  const stray = files.filter((f) => /^(client|server|test|scripts|node_modules|examples)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts'));
  assert.deepEqual(stray, []);
  // Everything package.json points at must be inside.
  assert.ok(files.includes(pkg.main.replace(/^\.\//, '')));
  assert.ok(files.includes(pkg.icon), `the icon ${pkg.icon} is not packaged`);
  for (const c of [...pkg.contributes.snippets, ...pkg.contributes.grammars]) assert.ok(files.includes(c.path.replace(/^\.\//, '')), c.path);
});

test('the packaged .vsix exists and stays small', () => {
  const vsix = join(root, `statefulset-authoring-${pkg.version}.vsix`);
  assert.ok(existsSync(vsix), `${vsix} missing: run npm run package`);
  const kb = statSync(vsix).size / 1024;
  console.log(`vsix size: ${kb.toFixed(1)} KB`);
  assert.ok(kb < 2048, `${kb.toFixed(0)} KB`);
});
