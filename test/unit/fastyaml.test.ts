// The fast YAML path (core/fastyaml.ts) builds exactly what the `yaml` library builds, or declines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fastParse, fastValue, YAML_OPTIONS } from '../../server/src/core/fastyaml';
import { duplicateKeys, isBlankDocument, parseOne, SLOW_OPTIONS, splitDocuments } from '../../server/src/core/parse';
import { parseDocument } from 'yaml';
import fc from 'fast-check';
import { lightlyMutated } from '../fuzz/arbitraries';
import { DEFAULT_LIMITS } from '../../server/src/core/settings';
import { pairs } from '../bench/generate';
import { check, fastParseProperty, newStats } from '../fuzz/properties';
import { diffFast, diffInFile } from '../helpers/yaml-diff';

const REPO = join(__dirname, '..', '..');
const CORPUS = join(REPO, '..', 'shared', 'corpus');

function* yamlFiles(dir: string): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names.sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yield* yamlFiles(p);
    else if (/\.ya?ml$/.test(n)) yield p;
  }
}

function docsOf(text: string): string[] {
  return splitDocuments(text).map((c) => text.slice(c.start, c.end)).filter((d) => !isBlankDocument(d));
}

/** Runs the differential check over documents; returns how many the fast path took. */
function agreeOn(docs: { name: string; text: string }[]): { same: number; total: number } {
  let same = 0;
  for (const d of docs) {
    const r = diffFast(d.text);
    if (r === 'same') same++;
    else assert.equal(r, 'skipped', `${d.name}: ${r}\n${JSON.stringify(d.text.slice(0, 300))}`);
  }
  return { same, total: docs.length };
}

const fileDocs = (root: string) => [...yamlFiles(root)].flatMap((f) => docsOf(readFileSync(f, 'utf8')).map((text, i) => ({ name: `${f}#${i}`, text })));

test('agrees with yaml on every document of the corpus and the examples, and takes most of them', () => {
  const { same, total } = agreeOn([...fileDocs(CORPUS), ...fileDocs(join(REPO, 'examples'))]);
  // The fast path must not quietly decline everything: real manifests are mostly plain block YAML.
  assert.ok(total < 50 || same / total > 0.75, `fast path took ${same} of ${total} documents`);
});

test('agrees with yaml on every fixture document (many are broken on purpose)', () => {
  agreeOn(fileDocs(join(REPO, 'test', 'fixtures')));
});

test('takes every document of the benchmark input', () => {
  const docs = docsOf(pairs(20)).map((text, i) => ({ name: `pair#${i}`, text }));
  assert.deepEqual(agreeOn(docs), { same: docs.length, total: docs.length });
});

// Edge cases: each either agrees node for node or is declined; some must be taken.
const TAKEN = [
  'a: 1\n', 'a: ~\nb: null\nc: Null\nd: true\ne: FALSE\nf: yes\ng: 0o17\nh: 0x1F\ni: 1e3\nj: .inf\nk: -.Inf\nl: .nan\nm: 2.50\nn: -0\no: +1\np: 08\nq: 1_000\nr: 12:30\n',
  "a: 'it''s'\nb: \"x # y\"\nc: ''\nd: \"\"\n", 'a: [x, "y" , z]\nb: []\nc: {}  # c\nd: {k: v, "q": 1}\ne: [x,]\n', '- a\n- b: 1\n  c: 2\n-\n- x\n',
  '---\na:\n- x\n- y\nb: 1\n', '# head\n\na: 1  # c\n\n# tail\n', 'a:\n  b: 1\n  # trailing\nc: 2\n', 'a:\n  - x\n  # t\n  - y\n  # u\nb: 1',
  'm:\n  a: # c\n  b: 1\n', 'm:\n  - # c\n  - x\n', 'a: # c\n\nb: 1\n', 'k: http://x:80/p\nl: a#b\nm: -x\nn: ?x\no: :x\n', '  a: 1\n  b: 2\n', 'a:\n  b:\n  c: 1\n',
  'constructor: 1\ntoString: x\nm:\n  hasOwnProperty: y\n', 'a: 1\r\n',
];
const DECLINED = [
  'a: b: c\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: |+\n  text\n', 'a: |2\n   text\n', 'a: >\n  x\n\n  y\n', 'a: |\n  x\n   \n  y\n', 'a: "multi\n  line"\n', 'a: plain\n  continued\n', '? k\n: v\n', 'a: 1\na: 2\n', 'm:\n  x: 1\n  y: 2\n  x: 3\n', '- a: 1\n  a: [1]\n',
  '<<: {a: 1}\n', 'a:\tb\n', 'a: 1\rb: 2\n', 'a: 1\r', '\ufeffa: 1\n', 'a: [[1]]\n', 'a: {b: {c: 1}}\n', 'a: [x,\n  y]\n', '%YAML 1.2\n---\na: 1\n', '--- x\n', 'a: "\\n"\n',
  '- - x\n', 'a:\n  b: 1\n    # deeper\nc: 2\n', 'm:\n  - a: # c\n  b: 1\n', 'just a scalar\n', 'a: {{ .Values.x }}\n',
  // A key repeated in a long mapping, and after a nested one.
  Array.from({ length: 20 }, (_, i) => `k${i}: ${i}\n`).join('') + 'k3: again\n', 'a:\n  x: 1\nb: 2\na: 3\n',
];

test('edge cases: taken ones agree with yaml, the rest are declined', () => {
  for (const text of TAKEN) assert.equal(diffFast(text), 'same', JSON.stringify(text));
  for (const text of DECLINED) {
    assert.equal(fastParse(text, 100), undefined, JSON.stringify(text));
    assert.equal(fastValue(text, 100), undefined, JSON.stringify(text));
  }
});

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

test('CRLF line breaks (Windows): every document, read with them, agrees with yaml or is declined; plain manifests are taken', () => {
  const docs = [
    ...fileDocs(CORPUS), ...fileDocs(join(REPO, 'examples')), ...fileDocs(join(REPO, 'test', 'fixtures')),
    ...[...TAKEN, ...DECLINED].map((text, i) => ({ name: `edge#${i}`, text })),
  ].map((d) => ({ name: d.name, text: crlf(d.text) }));
  const lf = agreeOn(docs.map((d) => ({ name: d.name, text: d.text.replace(/\r\n/g, '\n') })));
  const { same, total } = agreeOn(docs);
  // What the fast path takes with LF breaks it takes with CRLF ones, but for the few shapes it leaves to yaml then.
  assert.ok(same >= lf.same * 0.95, `CRLF: ${same} of ${total} taken, LF: ${lf.same}`);
  const bench = docsOf(pairs(20)).map((text, i) => ({ name: `pair#${i}`, text: crlf(text) }));
  assert.deepEqual(agreeOn(bench), { same: bench.length, total: bench.length });
  for (const d of bench.slice(0, 4)) assert.equal(diffInFile(d.text), undefined, d.name);
});

test('read inside its file, a document parses as it does alone, whatever surrounds it', () => {
  const docs = [
    ...fileDocs(CORPUS), ...fileDocs(join(REPO, 'examples')), ...fileDocs(join(REPO, 'test', 'fixtures')),
    ...docsOf(pairs(3)).map((text, i) => ({ name: `pair#${i}`, text })),
    ...[...TAKEN, ...DECLINED].map((text, i) => ({ name: `edge#${i}`, text })),
    // Ends the text mid-line: read alone whether or not a newline follows in the file.
    { name: 'no final newline', text: 'a: 1\nb: [x, y]' }, { name: 'block scalar last', text: 'a: |\n  x\n' },
  ];
  for (const d of docs) assert.equal(diffInFile(d.text), undefined, `${d.name}: ${JSON.stringify(d.text.slice(0, 200))}`);
});

test('the file text is read only for a document that ends the file or a line', () => {
  const file = 'a: 1\nb: 2\n';
  // 'a: 1' ends before the newline: parsed alone, still right.
  assert.deepEqual(fastValue('a: 1', 100, { file, offset: 0 })?.value, { a: 1 });
  assert.deepEqual(fastValue('b: 2\n', 100, { file, offset: 5 })?.value, { b: 2 });
  const tree = fastParse('b: 2\n', 100, { file, offset: 5 })!.yaml;
  assert.deepEqual(tree.range, [0, 5, 5]);
});

test('parseOne takes the fast path with no problems and the same value as the yaml path', () => {
  const text = docsOf(pairs(1))[1];
  const d = parseOne(text, 0, 0, DEFAULT_LIMITS);
  assert.deepEqual(d.problems, []);
  assert.equal((d.value as { kind: string }).kind, 'StatefulSet');
  assert.equal(d.yaml.errors.length, 0);
});

test('declines nesting deeper than the limit (the yaml path reports it)', () => {
  const deep = Array.from({ length: 40 }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n') + ' x\n';
  assert.equal(fastParse(deep, 20), undefined);
  assert.equal(fastValue(deep, 20), undefined);
  assert.ok(fastParse(deep, 100));
  assert.ok(fastValue(deep, 100));
});

test('fuzz (seeded): lightly mutated manifests never make the two paths disagree', () => {
  const stats = newStats();
  check(fastParseProperty(stats), { seed: 20261125, numRuns: 3000, endOnFailure: true });
  assert.ok(stats.cases > 300, `the fast path took only ${stats.cases} of 3000 mutated documents`);
});

test("duplicate keys found after parsing agree with the yaml library's own (quadratic) check", () => {
  const pos = (errs: { code: string; pos: [number, number] }[]) => errs.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]).sort((a, b) => a - b);
  // The library reports at the end of what precedes the key (after an empty value: the previous
  // line); duplicateKeys at the key itself. Same keys means only white space between the two.
  const same = (t: string, mine: number[], theirs: number[]) =>
    mine.length === theirs.length && mine.every((m, i) => theirs[i] <= m && t.slice(theirs[i], m).trim() === '');
  const texts = [
    ...fileDocs(join(REPO, 'test', 'fixtures')).map((d) => d.text),
    'a: 1\na: 2\n', '{a: 1, a: 2}\n', '.nan: 1\n.nan: 2\n', '1: a\n"1": b\n', '? [a]\n: 1\n? [a]\n: 2\n', '&x a: 1\na: 2\n', 'a: 1\n*x : 2\n',
    'a:\n  <<: {x: 1}\n  <<: {y: 2}\n', 'x: &a {k: 1, k: 2}\ny: *a\n', '- {a: 1}\n- {b: 1, b: 2, b: 3}\n', 'null: 1\n~: 2\n: 3\n', 'true: 1\nTrue: 2\n', '1: a\n0x1: b\n1.0: c\n',
  ];
  const check = (t: string) => {
    const mine = pos(duplicateKeys(parseDocument(t, SLOW_OPTIONS).contents));
    const errors = parseDocument(t, YAML_OPTIONS).errors;
    const theirs = pos(errors);
    // After a syntax error the library's recovered keys (often empty ones) sit anywhere: the same number of
    // duplicates is all the two can agree on.
    const broken = errors.some((e) => e.code !== 'DUPLICATE_KEY');
    assert.ok(broken ? mine.length === theirs.length : same(t, mine, theirs), `${JSON.stringify(t)}: ${mine} vs ${theirs}`);
  };
  for (const t of texts) check(t);
  fc.assert(fc.property(lightlyMutated(texts), check), { seed: 7, numRuns: 3000 });
});

test('a 20,000-key mapping on the yaml path parses in linear time (the duplicate check no longer compares every pair)', () => {
  // An anchor sends the document down the yaml path.
  const text = 'a: &x 1\n' + Array.from({ length: 20_000 }, (_, i) => `k${i}: v`).join('\n') + '\nk7: again\n';
  const t0 = performance.now();
  const d = parseOne(text, 0, 0, DEFAULT_LIMITS);
  const ms = performance.now() - t0;
  assert.deepEqual(d.problems.map((p) => [p.code, text.slice(p.start, p.start + 2)]), [['yaml-duplicate-key', 'k7']]);
  // A hang bound, not a speed test: the quadratic check took seconds here, a loaded CI machine takes far less.
  assert.ok(ms < 20_000, `${ms} ms`);
});
