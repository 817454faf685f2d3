// The repair of documents with YAML syntax errors (core/repair.ts): which lines are blanked, that offsets
// survive, when it gives up, and which mappings a blanked line could have held a key of. What the checks
// report on a repaired document is in test/fixtures/schema/after-syntax-error.yaml and the seed fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOne } from '../../server/src/core/parse';
import { repairDocument } from '../../server/src/core/repair';
import { getIn } from '../../server/src/core/nodes';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';

const limits = DEFAULT_SETTINGS.limits;
const repair = (text: string) => repairDocument(parseOne(text, 0, 0, limits), limits)?.doc;
/** The lines the repair blanked (1-based), read off its text. */
const blankedLines = (before: string, after: string) => {
  const a = before.split('\n');
  return after.split('\n').flatMap((l, i) => (l.trim() === '' && a[i].trim() !== '' ? [i + 1] : []));
};

test('a script pasted without a block scalar indicator is blanked line by line; what follows keeps its place', () => {
  const text = [
    'kind: StatefulSet',
    'spec:',
    '  template:',
    '    spec:',
    '      initContainers:',
    '      - name: init',
    '        command:',
    '        - bash',
    '        - /',
    '        set -ex',
    '        # a comment stays',
    '        [[ `hostname` =~ -([0-9]+)$ ]] || exit 1',
    '        if [[ $ordinal -eq 0 ]]; then',
    '          cp a b',
    '        fi',
    '      volumeMounts:',
    '      - name: conf',
    '',
  ].join('\n');
  const r = repair(text);
  assert.ok(r, 'repaired');
  assert.equal(r.text.length, text.length);
  assert.deepEqual(blankedLines(text, r.text), [9, 10, 12, 13, 14, 15]);
  const spec = (r.value as any).spec.template.spec;
  assert.deepEqual(spec.initContainers, [{ name: 'init', command: ['bash'] }]);
  assert.deepEqual(spec.volumeMounts, [{ name: 'conf' }]);
  // Offsets are the document's: the key found in the repair is at its place in the original text.
  const key = (r.yaml.contents as any).items[1].value.items[0].value.items[0].value.items[1].key;
  assert.equal(text.slice(key.range[0], key.range[1]), 'volumeMounts');
});

test('a key without its colon takes the list items at its own indentation with it', () => {
  const text = 'kind: Pod\nspec:\n  containers\n  - name: a\n    image: x\n  restartPolicy: Always\n';
  const r = repair(text);
  assert.ok(r);
  assert.deepEqual(blankedLines(text, r.text), [3, 4, 5]);
  assert.deepEqual(r.value, { kind: 'Pod', spec: { restartPolicy: 'Always' } });
});

test('a broken list item goes alone; its siblings stay', () => {
  const text = 'kind: Service\nspec:\n  ports:\n  - port: 80\n  - name: web: x\n  - port: 81\n';
  const r = repair(text);
  assert.ok(r);
  assert.deepEqual(blankedLines(text, r.text), [5]);
  assert.deepEqual((r.value as any).spec.ports, [{ port: 80 }, { port: 81 }]);
});

test('line breaks and offsets survive CRLF text and characters outside the BMP', () => {
  const text = 'kind: Pod\r\nmetadata:\r\n  name: 😀 x: y\r\n  namespace: ns\r\n';
  const r = repair(text);
  assert.ok(r);
  assert.equal(r.text.length, text.length);
  assert.deepEqual(r.value, { kind: 'Pod', metadata: { namespace: 'ns' } });
});

test('no repair: a document without syntax errors, one with nothing left, one too large', () => {
  assert.equal(repair('kind: Pod\nspec: {}\n'), undefined);
  assert.equal(repair('a: b: c\n'), undefined);
  const big = `kind: Pod\nmetadata:\n  name: x: y\n${'  labels: {}\n'.repeat(9000)}`;
  assert.ok(parseOne(big, 0, 0, limits).problems.some((p) => p.code === 'yaml-syntax'));
  assert.equal(repair(big), undefined);
});

test('couldHoldKey: a blanked line at a mapping\'s key indentation, among its lines, could have held a key', () => {
  const text = [
    'kind: StatefulSet', // 1
    'spec:', //             2
    '  templ', //           3  broken, at spec's keys
    '  serviceName: web', // 4
    '  template:', //       5
    '    spec:', //         6
    '      containers:', // 7
    '      - name: web', // 8
    '        imag', //      9  broken, at the container's keys
    '      volumes:', //    10
    '      - name: data', // 11
    '',
  ].join('\n');
  const rep = repairDocument(parseOne(text, 0, 0, limits), limits);
  assert.ok(rep);
  const at = (...path: (string | number)[]) => getIn(rep.doc.yaml.contents, path);
  assert.equal(rep.couldHoldKey(at('spec')), true, 'line 3 is inside spec, before its first kept key');
  assert.equal(rep.couldHoldKey(at('spec', 'template', 'spec', 'containers', 0)), true, 'line 9 is at the container keys');
  assert.equal(rep.couldHoldKey(at('spec', 'template', 'spec')), false, 'no broken line at the pod spec keys');
  assert.equal(rep.couldHoldKey(at('spec', 'template', 'spec', 'volumes', 0)), false, 'after the container');
  assert.equal(rep.couldHoldKey(at()), false, 'no broken line at column 0');
});

test('couldHoldKey: a less indented line, kept or blanked, ends the mapping', () => {
  const text = 'a:\n  b: 1\nc d\n  e: 2\n  x y\nf: 3\n';
  const rep = repairDocument(parseOne(text, 0, 0, limits), limits);
  assert.ok(rep, 'repaired');
  // `c d` (column 0) is blanked with the lines it owns; mapping `a` ends there.
  assert.equal(rep.couldHoldKey(getIn(rep.doc.yaml.contents, ['a'])), false);
  assert.equal(rep.couldHoldKey(rep.doc.yaml.contents), true);
});
