// Hostile input: the engine answers every one of these quickly, with findings inside the text, and never throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Project } from '../../server/src/core/project';
import { findTooDeep } from '../../server/src/core/nesting';
import { DEFAULT_LIMITS } from '../../server/src/core/settings';
import { parseOne } from '../../server/src/core/parse';
import { checkPositions, loadFeatures, runCase } from '../fuzz/engine';

const STS = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: web\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n';

// A hang detector, not a speed test (speed is measured by `npm run bench`): each case must finish, and
// an exponential blow-up or an endless loop would blow far past this bound even on a loaded machine.
const HANG_BOUND_MS = 20_000;

function analyse(text: string): { codes: string[]; ms: number } {
  const p = new Project();
  const t0 = performance.now();
  p.setFile('file:///h.yaml', text);
  const f = p.findings('file:///h.yaml');
  const ms = performance.now() - t0;
  checkPositions(f, 'file:///h.yaml', text.length, 'findings');
  return { codes: f.map((x) => x.code), ms };
}

const nested = (open: string, close: string, n: number) => 'a: ' + open.repeat(n) + close.repeat(n) + '\n';
const deepBlock = (n: number) => Array.from({ length: n }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n') + ' x\n';
const deepSeq = (n: number) => Array.from({ length: n }, (_, i) => ' '.repeat(2 * i) + '-').join('\n') + ' x\n';

const DEEP: Record<string, string> = {
  '100k unclosed [': '['.repeat(100_000),
  '100k unclosed {': '{'.repeat(100_000),
  '20k balanced [ ]': nested('[', ']', 20_000),
  '20k balanced { a: }': 'a: ' + '{a: '.repeat(20_000) + '}'.repeat(20_000) + '\n',
  '3000 indented keys': deepBlock(3000),
  '2000 indented sequences': deepSeq(2000),
  '50k compact "- - -"': '- '.repeat(50_000) + 'x\n',
  'deep flow inside a StatefulSet': STS.replace('image: nginx', 'image: ' + '['.repeat(5000)),
  // The lexer ends an unclosed quote at the next unindented line; the scan must too (fuzz seed 8001).
  'deep flow after an unclosed quote': 'x0: "unterminated\nx1: [a]\n' + '{'.repeat(3000) + '\n',
  "deep flow after an unclosed ' quote in a list": "- 'unterminated\n- " + '['.repeat(3000) + '\n',
  'deep flow on a line starting with a lone carriage return': '\r\r: ' + '{a: '.repeat(1000) + '\n',
  // The parser nests a collection for each `- ` even where none may start (fuzz seed 20261202).
  '"- - -" inside a flow mapping': '{>>{#:' + '- '.repeat(3000) + 'x\n',
  '"- - -" after a key': 'a: ' + '- '.repeat(3000) + 'x\n',
  '"? ? ?" inside a flow mapping': '{a: ' + '? '.repeat(3000) + '}\n',
};

for (const [name, text] of Object.entries(DEEP)) {
  test(`deep nesting is refused quickly: ${name}`, () => {
    const r = analyse(text);
    assert.ok(r.codes.includes('yaml-too-deep'), r.codes.join(','));
    assert.ok(r.ms < HANG_BOUND_MS, `${r.ms} ms`);
  });
}

test('collection keys nested within the depth limit are reported, not stringified level by level (fuzz seed 7001)', () => {
  // `[{` within the depth limit opens flow maps whose keys are flow sequences, unclosed until the end;
  // converting such keys to strings is quadratic in the nesting (seconds per document, minutes per file).
  const doc = '---\n' + '[{'.repeat(90) + STS;
  const r = analyse(Array(20).fill(doc).join(''));
  assert.ok(r.ms < HANG_BOUND_MS, `${r.ms} ms`);
  assert.ok(r.codes.includes('yaml-syntax'));
  // A plain collection key says what is wrong.
  const p = new Project();
  p.setFile('file:///k.yaml', '? [a, b]\n: c\n');
  const f = p.findings('file:///k.yaml');
  assert.ok(f.some((x) => x.code === 'yaml-syntax' && /key that is itself a list or mapping/.test(x.message)), JSON.stringify(f));
  // ...and the rest of such a document is still checked.
  p.setFile('file:///k2.yaml', STS.replace('spec:\n  serviceName', 'spec:\n  ? [odd]\n  : key\n  serviceName'));
  // Collection keys beside an alias bomb: the alias limit still holds on that path.
  const bomb = ['? [k]\n: v', 'x0: &x0 {a: [1, 2, 3]}'];
  for (let k = 1; k < 12; k++) bomb.push(`x${k}: &x${k} [*x${k - 1}, *x${k - 1}, *x${k - 1}, *x${k - 1}]`);
  const b = analyse(bomb.join('\n') + '\n');
  assert.ok(b.codes.includes('yaml-alias-limit') && b.ms < HANG_BOUND_MS, `${b.codes} ${b.ms} ms`);
  const k2 = p.findings('file:///k2.yaml');
  assert.ok(k2.some((x) => /key that is itself/.test(x.message)) && k2.some((x) => x.code === 'governing-service-missing'), JSON.stringify(k2));
});

test('the depth pre-scan ends an unclosed quote where the yaml lexer does (at the next unindented line)', () => {
  // Without this the scan counted the flow nesting as quoted text and the parser recursed until its
  // stack ran out, at a position depending on the caller's stack (fuzz seed 8001).
  assert.ok(findTooDeep(DEEP['deep flow after an unclosed quote'], DEFAULT_LIMITS.maxDepth) >= 0);
  assert.ok(findTooDeep(DEEP["deep flow after an unclosed ' quote in a list"], DEFAULT_LIMITS.maxDepth) >= 0);
  assert.ok(findTooDeep(DEEP['deep flow on a line starting with a lone carriage return'], DEFAULT_LIMITS.maxDepth) >= 0);
  // Indicators where no node may start are counted too: the parser recursed on them past its stack,
  // and the findings then depended on the caller's stack (fuzz seed 20261202: checkAll and setFile differed).
  for (const name of ['"- - -" inside a flow mapping', '"- - -" after a key', '"? ? ?" inside a flow mapping']) {
    assert.ok(findTooDeep(DEEP[name], DEFAULT_LIMITS.maxDepth) >= 0, name);
    const deep = (n: number): ReturnType<typeof parseOne> => (n === 0 ? parseOne(DEEP[name], 0, 0, DEFAULT_LIMITS) : deep(n - 1));
    assert.deepEqual(deep(3000).problems, parseOne(DEEP[name], 0, 0, DEFAULT_LIMITS).problems, name);
  }
  // Plain scalars that start with a dash stay scalars.
  assert.equal(findTooDeep('a: [' + '-1, -x, '.repeat(400) + ']\n', DEFAULT_LIMITS.maxDepth), -1);
  // A quote continued on deeper lines still hides its brackets.
  assert.equal(findTooDeep(`a: "x\n  ${'['.repeat(500)}\n  y"\nb: 1\n`, DEFAULT_LIMITS.maxDepth), -1);
});

test("when the parser itself runs out of stack: one finding at the document's start, whatever the caller's stack", () => {
  // A limit so high that the pre-scan lets the nesting through, as a scan miss would.
  const limits = { ...DEFAULT_LIMITS, maxDepth: 1_000_000 };
  const text = 'a: ' + '['.repeat(30_000) + ']'.repeat(30_000) + '\n';
  const deep = (n: number): ReturnType<typeof parseOne> => (n === 0 ? parseOne(text, 0, 0, limits) : deep(n - 1));
  for (const d of [parseOne(text, 0, 0, limits), deep(2000), deep(4000)]) {
    assert.deepEqual(d.problems.map((p) => [p.code, p.start]), [['yaml-too-deep', 0]]);
    assert.equal(d.value, undefined);
  }
});

test('nesting within the limit is analysed, not refused', () => {
  const ok = nested('[', ']', 150);
  assert.equal(findTooDeep(ok, DEFAULT_LIMITS.maxDepth), -1);
  assert.ok(!analyse(ok).codes.includes('yaml-too-deep'));
  assert.equal(findTooDeep(deepBlock(150), DEFAULT_LIMITS.maxDepth), -1);
});

test('the depth pre-scan ignores brackets in quotes, comments, plain scalars and block scalars', () => {
  const many = '['.repeat(500);
  const texts = [
    `a: "${many}"\n`,
    `a: '${many}'\n`,
    `a: 1 # ${many}\n`,
    `a: x${many}\n`,
    `a: |\n  ${many}\n  ${many}\nb: 2\n`,
    `- >-\n   ${many}\n- x\n`,
    `a: "multi\n  line ${many}\n  end"\nb: 1\n`,
  ];
  for (const t of texts) assert.equal(findTooDeep(t, DEFAULT_LIMITS.maxDepth), -1, JSON.stringify(t.slice(0, 40)));
  // ...but a block scalar ends where the indentation says so.
  assert.ok(findTooDeep(`- a: |\n  ${deepBlock(300).replace(/\n/g, '\n  ')}`, DEFAULT_LIMITS.maxDepth) >= 0);
});

test('a document refused as too deep does not stop the next one', () => {
  const p = new Project();
  const m = p.setFile('file:///d.yaml', '['.repeat(10_000) + '\n---\n' + STS);
  assert.equal(m.resources.length, 1);
  assert.equal(m.resources[0].kind, 'StatefulSet');
  assert.ok(p.findings('file:///d.yaml').some((f) => f.code === 'yaml-too-deep' && f.start < 10_000));
});

const letters = 'abcdefghijklmnop';
const LAUGHS: Record<string, string> = {
  'sequence billion laughs': 'a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n' + Array.from({ length: 9 }, (_, i) => `${letters[i + 1]}: &${letters[i + 1]} [${Array(9).fill('*' + letters[i]).join(',')}]`).join('\n') + '\n',
  'mapping billion laughs': 'a: &a {x: lol, y: lol}\n' + Array.from({ length: 12 }, (_, i) => `${letters[i + 1]}: &${letters[i + 1]} {p: *${letters[i]}, q: *${letters[i]}, r: *${letters[i]}, s: *${letters[i]}}`).join('\n') + '\n',
  'merge-key chain': 'a: &a {x: 1, y: [1, 2, 3]}\n' + Array.from({ length: 25 }, (_, i) => `b${i}: &b${i}\n  <<: [${i ? `*b${i - 1}` : '*a'}]\n  k${i}: [${Array(10).fill(i ? `*b${i - 1}` : '*a').join(', ')}]`).join('\n') + '\n',
  'merge keys inside a StatefulSet': STS + '  x: &x {a: [1,2,3,4,5,6,7,8]}\n' + Array.from({ length: 20 }, (_, i) => `  y${i}: &y${i}\n    <<: *${i ? `y${i - 1}` : 'x'}\n    m: [${Array(8).fill(i ? `*y${i - 1}` : '*x').join(',')}]`).join('\n') + '\n',
};

for (const [name, text] of Object.entries(LAUGHS)) {
  test(`alias expansion is bounded: ${name}`, () => {
    const r = analyse(text);
    assert.ok(r.codes.includes('yaml-alias-limit'), r.codes.join(','));
    assert.ok(r.ms < HANG_BOUND_MS, `${r.ms} ms`);
  });
}

test('merge keys are honoured like the Kubernetes decoder does', () => {
  const p = new Project();
  const m = p.setFile('file:///m.yaml', 'base: &b {app: web}\nkind: Service\nmetadata:\n  name: s\n  labels:\n    <<: *b\n    tier: db\n');
  assert.deepEqual(m.resources[0].value?.metadata.labels, { app: 'web', tier: 'db' });
});

test('a file over maxFileBytes gets one info finding and no analysis', () => {
  const big = STS + '# ' + 'x'.repeat(50 * 1024 * 1024) + '\n';
  const r = analyse(big);
  assert.deepEqual(r.codes, ['file-too-large']);
  assert.ok(r.ms < HANG_BOUND_MS, `${r.ms} ms`);
});

test('thousands of documents stop at maxDocuments with one info finding', () => {
  const text = Array.from({ length: DEFAULT_LIMITS.maxDocuments + 500 }, (_, i) => `kind: ConfigMap\nmetadata: {name: c${i}}\n`).join('---\n');
  const r = analyse(text);
  assert.equal(r.codes.filter((c) => c === 'too-many-documents').length, 1);
  assert.ok(r.ms < HANG_BOUND_MS, `${r.ms} ms`);
});

test('a document with more nodes than the parser can take in time is refused', () => {
  for (const text of ['a: [' + '1,'.repeat(1_000_000) + '1]\n', 'a:\n' + '- 1\n'.repeat(200_000), 'k: {' + Array.from({ length: 60_000 }, (_, i) => `k${i}: ${i}`).join(', ') + '}\n']) {
    const r = analyse(text);
    assert.deepEqual(r.codes, ['yaml-too-large']);
    assert.ok(r.ms < HANG_BOUND_MS, `${r.ms} ms`);
  }
  // A big block scalar is one node: a ConfigMap carrying a large file is still analysed.
  const cm = 'kind: ConfigMap\nmetadata: {name: c}\ndata:\n  big: |\n' + '    line [{,\n'.repeat(200_000);
  assert.ok(!analyse(cm).codes.includes('yaml-too-large'));
});

test('a broken document yields a bounded number of syntax findings', () => {
  const r = analyse(Array.from({ length: 5000 }, (_, i) => `k${i}: ]: [: {: "`).join('\n'));
  assert.ok(r.codes.length > 0 && r.codes.length <= 60, String(r.codes.length));
});

const ODD: Record<string, string> = {
  'NUL bytes': STS + '\u0000\u0000',
  'invalid UTF-8 decoded to replacement chars': STS.replace('nginx', '\uFFFD\uFFFD\uFFFD'),
  'lone surrogates': STS.replace('web', '\uD800x\uDFFF'),
  'BOM': '\uFEFF' + STS,
  'BOM before the second document': STS + '---\n\uFEFF' + STS,
  'CRLF': STS.replace(/\n/g, '\r\n') + '---\r\nkind: [\r\n',
  'lone CR': STS.replace(/\n/g, '\r'),
  'tabs as indentation': STS.replace(/ {2}/g, '\t'),
  'a 5 MB scalar': STS.replace('image: nginx', 'image: ' + 'x'.repeat(5_000_000)),
  'binary junk': Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 65_536)).join(''),
  'control characters': STS.replace(/e/g, '\u0007\u001b'),
  'only markers': '---\n...\n---\n...\n',
  'directives': '%YAML 1.2\n---\n' + STS,
  'empty': '',
};

test('odd text: no throw, positions inside the text, features too', async () => {
  await loadFeatures();
  for (const [name, text] of Object.entries(ODD)) {
    const r = runCase(text, { offsets: [1, 17, text.length - 1] });
    assert.ok(r.ms < HANG_BOUND_MS, `${name}: ${r.ms} ms`);
  }
});

test('CRLF does not move findings: same line/character as with LF', () => {
  const text = STS.replace('replicas: 2', 'replicas: [') + '---\nkind: Service\nmetadata: {name: x, name: y}\n';
  const lf = new Project();
  const crlf = new Project();
  lf.setFile('file:///a.yaml', text);
  const crText = text.replace(/\n/g, '\r\n');
  crlf.setFile('file:///a.yaml', crText);
  const pos = (p: Project) => p.findings('file:///a.yaml').map((f) => [f.code, p.getFile('file:///a.yaml')!.lines.positionAt(f.start)]);
  assert.deepEqual(pos(crlf), pos(lf));
});

test('content on a marker line is a document, not a blank chunk', () => {
  const p = new Project();
  const m = p.setFile('file:///mk.yaml', '--- {kind: Service, metadata: {name: a}}\n--- # only a comment\n---\n\uFEFF\n');
  assert.equal(m.resources.length, 1);
  assert.equal(m.resources[0].kind, 'Service');
});

/** [code, start] of the findings for `text`, analysed after another version (the editor's path) and fresh. */
function incrementalAndFresh(text: string): { incremental: [string, number][]; fresh: [string, number][] } {
  const uri = 'file:///inc.yaml';
  const pick = (p: Project) => p.findings(uri).map((f): [string, number] => [f.code, f.start]);
  const p = new Project();
  p.setFile(uri, STS);
  p.findings(uri);
  p.setFile(uri, text);
  const fresh = new Project();
  fresh.setFile(uri, text);
  return { incremental: pick(p), fresh: pick(fresh) };
}

test('a byte order mark does not hide deep flow nesting from the pre-scan (found by the fuzz, seed 42)', () => {
  // Without the pre-scan the yaml composer overflows the stack, and where it gives up depends on how
  // deep the caller's stack already is: positions differed between an incremental and a fresh analysis.
  const { incremental, fresh } = incrementalAndFresh('\ufeff' + '{'.repeat(1500));
  assert.deepEqual(incremental, fresh);
  assert.deepEqual(incremental.map(([c]) => c), ['yaml-too-deep']);
});

test('a tag glued to deep flow nesting is refused before parsing (found by the fuzz, seed 2002)', () => {
  const { incremental, fresh } = incrementalAndFresh('!' + '{['.repeat(800));
  assert.deepEqual(incremental, fresh);
  assert.ok(incremental.some(([c]) => c === 'yaml-too-deep'), JSON.stringify(incremental));
});
