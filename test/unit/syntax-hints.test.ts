// Plain-language hints on YAML syntax errors: right line, right advice, one error per line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOne } from '../../server/src/core/parse';
import { refineSyntaxProblems } from '../../server/src/core/syntax-hints';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';

const limits = DEFAULT_SETTINGS.limits;

/** The yaml-syntax problems of `text` as [1-based line, message]. */
function syntax(text: string): [number, string][] {
  const d = parseOne(text, 0, 0, limits);
  return d.problems.filter((p) => p.code === 'yaml-syntax').map((p) => [text.slice(0, p.start).split('\n').length, p.message]);
}

test('"..." as a placeholder inside a list is named as such, on its own line', () => {
  const text = 'spec:\n  initContainers:\n  - name: a\n  ...\n  - name: b\n';
  const got = syntax(text);
  assert.equal(got.length, 1, JSON.stringify(got));
  assert.equal(got[0][0], 4);
  assert.match(got[0][1], /"\.\.\." is not a placeholder/);
  assert.match(got[0][1], /YAML parser: /, 'the parser wording is kept');
});

test('"- /" before a script points at the slash and suggests "- |"; the script lines are one error, not dozens', () => {
  const text = [
    'command:',
    '- bash',
    '- "-c"',
    '- /',
    'set -ex',
    '[[ `hostname` =~ -([0-9]+)$ ]] || exit 1',
    'ordinal=${BASH_REMATCH[1]}',
    'other: 1',
  ].join('\n');
  const got = syntax(text);
  assert.equal(got.length, 1, JSON.stringify(got));
  assert.equal(got[0][0], 4);
  assert.match(got[0][1], /"- \|"/);
});

test('a key without its colon is reported on that key, with the fix', () => {
  const text = 'spec:\n  template:\n    spec:\n      containers\n      - name: a\n        image: b\n';
  const got = syntax(text);
  assert.equal(got.length, 1, JSON.stringify(got));
  assert.equal(got[0][0], 4);
  assert.match(got[0][1], /"containers" has no colon: write "containers:"/);
});

test('tabs used for indentation get a "use spaces" hint, one per line', () => {
  const got = syntax('spec:\n\treplicas: 1\n\tserviceName: x\n');
  assert.deepEqual(got.map((g) => g[0]), [2, 3]);
  for (const [, m] of got) assert.match(m, /Tab used for indentation: .*spaces/);
});

test('a missing space after the colon is explained (image:nginx)', () => {
  const got = syntax('spec:\n  containers:\n  - name: a\n    image:nginx\n    ports: []\n');
  assert.equal(got.length, 1, JSON.stringify(got));
  assert.equal(got[0][0], 4);
  assert.match(got[0][1], /"image:nginx" is one plain string.*"image: nginx"/);
});

test('at most one syntax error per line: the first is kept', () => {
  const text = 'a: [b c d ] e ] f\n';
  const probs = [0, 5, 9].map((s, i) => ({ code: 'yaml-syntax', message: `m${i}`, start: s, end: s + 1, severity: 'error' as const }));
  const got = refineSyntaxProblems(text, probs);
  assert.deepEqual(got.map((p) => p.message), ['m0']);
});

test('other codes pass through, and text without syntax errors is untouched', () => {
  const dup = { code: 'yaml-duplicate-key', message: 'd', start: 0, end: 1, severity: 'error' as const };
  const list = [dup, { ...dup }];
  assert.equal(refineSyntaxProblems('a: 1\na: 2\n', list), list);
  assert.deepEqual(syntax('spec:\n  replicas: 3\n'), []);
});

test('a syntax error without a known cause keeps the parser message', () => {
  const got = syntax('a: "unterminated\nb: 1\n');
  assert.ok(got.length >= 1);
  assert.ok(!/placeholder|colon|Tab|block scalar/.test(got[0][1]), got[0][1]);
});
