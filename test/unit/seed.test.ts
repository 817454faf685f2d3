// Acceptance over the seed note: its YAML blocks are fixtures (test/fixtures/seed, checked by
// fixtures.test.ts against their `# expect:` annotations); here we check the copies are verbatim
// and that the note's valid manifests are analysed without errors or warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project } from '../../server/src/core/project';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { yamlFilesIn } from '../helpers/fixtures';

const root = join(__dirname, '..', '..');
const seedDir = join(root, 'test', 'fixtures', 'seed');
// CI lays shared/ beside the clone; a developer's tree has it at /work/shared.
const notePath = [join(root, '..', 'shared', 'seed', 'statefulset-notes.md'), '/work/shared/seed/statefulset-notes.md'].find(existsSync);


const HEADER = /^# seed: statefulset-notes\.md lines (\d+)-(\d+) \(.*\)$/;

/** The fixture without its header and `# expect:` annotations: what the note says. */
function body(text: string): { from: number; to: number; lines: string[] } {
  const lines = text.replace(/\n$/, '').split('\n');
  const m = HEADER.exec(lines[0]);
  assert.ok(m, `first line must be '# seed: statefulset-notes.md lines A-B (...)', got '${lines[0]}'`);
  return { from: Number(m[1]), to: Number(m[2]), lines: lines.slice(1).map((l) => l.replace(/ +# expect: [^#]*$/, '')) };
}

test('every seed fixture is a verbatim copy of a block of the note', { skip: notePath ? false : 'shared/seed/statefulset-notes.md not found' }, () => {
  const note = readFileSync(notePath!, 'utf8').split('\n');
  const files = yamlFilesIn(seedDir);
  assert.ok(files.length >= 19, `expected the note's 19 YAML blocks, found ${files.length} fixtures`);
  for (const f of files) {
    const b = body(readFileSync(f, 'utf8'));
    assert.deepEqual(b.lines, note.slice(b.from - 1, b.to), relative(seedDir, f));
  }
});

test('every ```yaml block of the note has a fixture', { skip: notePath ? false : 'shared/seed/statefulset-notes.md not found' }, () => {
  const note = readFileSync(notePath!, 'utf8').split('\n');
  const covered = new Set(yamlFilesIn(seedDir).map((f) => body(readFileSync(f, 'utf8')).from));
  note.forEach((line, i) => {
    if (line.trim() === '```yaml') assert.ok(covered.has(i + 2), `yaml block opening at note line ${i + 1} has no fixture`);
  });
});

/** The note's correct manifests: analysed with their workspace, they must produce no error or warning. */
const VALID = [
  ['01-headless-nginx.workspace', 'svc.yaml'],
  ['04-web-storage.workspace', 'svc.yaml'],
  ['04-web-storage.workspace', 'web-statefulset.yaml'],
  ['05-mysql-draft.workspace', '1-configmap.yaml'],
  ['11-mysql-final.workspace', 'mysql-configmap.yaml'],
  ['11-mysql-final.workspace', 'rook-storage.yaml'],
  ['11-mysql-final.workspace', 'mysql-statefulset.yaml'],
];

test('the valid seed manifests produce no errors or warnings', () => {
  for (const [dir, file] of VALID) {
    const project = new Project(DEFAULT_SETTINGS);
    const files = yamlFilesIn(join(seedDir, dir));
    for (const f of files) project.setFile(pathToFileURL(f).href, readFileSync(f, 'utf8'));
    const uri = pathToFileURL(join(seedDir, dir, file)).href;
    const bad = project.findings(uri).filter((x) => x.severity !== 'info');
    assert.deepEqual(bad.map((x) => `${x.code}: ${x.message}`), [], `${dir}/${file}`);
  }
});

test('the first document of mysql-svc.yaml (the headless Service) is clean; the typo is in the second', () => {
  const project = new Project(DEFAULT_SETTINGS);
  const dir = join(seedDir, '11-mysql-final.workspace');
  for (const f of yamlFilesIn(dir)) project.setFile(pathToFileURL(f).href, readFileSync(f, 'utf8'));
  const uri = pathToFileURL(join(dir, 'mysql-svc.yaml')).href;
  const model = project.getFile(uri)!;
  const secondDoc = model.docs[1].offset;
  assert.deepEqual(project.findings(uri).filter((f) => f.start < secondDoc && f.severity !== 'info').map((f) => f.code), []);
});
