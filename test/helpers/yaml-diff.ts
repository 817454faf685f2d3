// Differential check of the fast YAML path against the `yaml` library: same nodes, ranges, values
// (and the value-only fast path against the fast path: same documents taken, same values).
import { isDeepStrictEqual } from 'node:util';
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import { fastParse, fastValue, YAML_OPTIONS } from '../../server/src/core/fastyaml';

/** A structural dump of a node: everything the analysis reads (and the scalar details `yaml` sets). */
function dump(n: unknown): unknown {
  if (n === null || n === undefined) return n;
  if (isMap(n)) return { map: n.range, flow: !!n.flow, items: n.items.map((p) => (isPair(p) ? [dump(p.key), dump(p.value)] : dump(p))) };
  if (isSeq(n)) return { seq: n.range, flow: !!n.flow, items: n.items.map(dump) };
  if (isScalar(n)) {
    const s = n as typeof n & { source?: string; format?: string; minFractionDigits?: number };
    const v = typeof s.value === 'number' && !Number.isFinite(s.value) ? String(s.value) : Object.is(s.value, -0) ? '-0' : s.value;
    return { s: s.range, v, jt: typeof s.value, t: s.type, src: s.source, fmt: s.format, mfd: s.minFractionDigits, tag: s.tag };
  }
  return { other: String(n) };
}

/**
 * 'skipped' when the fast path declined, 'same' when it agrees with `yaml` in every node, range and
 * value, else a description of the first difference.
 */
export function diffFast(text: string, maxDepth = 100): 'skipped' | 'same' | string {
  const fast = fastParse(text, maxDepth);
  // The value-only parse takes the same documents and builds the same value.
  const valueOnly = fastValue(text, maxDepth);
  if (!valueOnly !== !fast) return `fastValue ${valueOnly ? 'accepted' : 'declined'} a document fastParse ${fast ? 'accepted' : 'declined'}`;
  if (!fast) return 'skipped';
  if (!isDeepStrictEqual(valueOnly!.value, fast.value)) return `fastValue built another value:\n fastValue: ${JSON.stringify(valueOnly!.value).slice(0, 300)}\n fastParse: ${JSON.stringify(fast.value).slice(0, 300)}`;
  const slow = parseDocument(text, YAML_OPTIONS);
  if (slow.errors.length || slow.warnings.length) return `fast path accepted a document yaml reports: ${(slow.errors[0] ?? slow.warnings[0]).message}`;
  const a = JSON.stringify({ range: fast.yaml.range, c: dump(fast.yaml.contents), docStart: !!fast.yaml.directives?.docStart });
  const b = JSON.stringify({ range: slow.range, c: dump(slow.contents), docStart: !!slow.directives?.docStart });
  if (a !== b) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return `nodes differ at char ${i}:\n fast: …${a.slice(Math.max(0, i - 150), i + 150)}\n yaml: …${b.slice(Math.max(0, i - 150), i + 150)}`;
  }
  const va = JSON.stringify(fast.value);
  const vb = JSON.stringify(slow.toJS({ maxAliasCount: -1 }));
  if (va !== vb) return `values differ:\n fast: ${va.slice(0, 300)}\n yaml: ${vb.slice(0, 300)}`;
  // The fast path's document must work as a `yaml` document too (it is built differently).
  const vc = JSON.stringify(fast.yaml.toJS({ maxAliasCount: -1 }));
  if (vc !== vb) return `the fast document's toJS differs:\n fast: ${vc.slice(0, 300)}\n yaml: ${vb.slice(0, 300)}`;
  return 'same';
}

/** Text around a document in its file: what precedes it ends in a space; what follows starts with indicators. */
const BEFORE = ['', 'a: 1\n---\n', '- x\n#  ', '  '];
const AFTER = ['', '---\n', ' ', '- x\n', ': ', '#', ']', '}', "'", '"', '|', '\n  k: v\n', ' \n  - y\n'];

/**
 * The fast parsers on `text` read inside a file (InFile) must take the same documents and build the same
 * values and trees as on `text` alone, whatever surrounds it. Returns a description of the first
 * difference, or undefined. `pick` chooses the surroundings (all of them when undefined).
 */
export function diffInFile(text: string, maxDepth = 100, pick?: number): string | undefined {
  const alone = fastParse(text, maxDepth);
  const aloneValue = fastValue(text, maxDepth);
  const want = alone && JSON.stringify({ range: alone.yaml.range, c: dump(alone.yaml.contents), docStart: !!alone.yaml.directives?.docStart });
  const cases: [string, string][] = [];
  for (let i = 0; i < BEFORE.length; i++) for (let j = 0; j < AFTER.length; j++) cases.push([BEFORE[i], AFTER[j]]);
  const chosen = pick === undefined ? cases : [cases[pick % cases.length], cases[(pick * 7 + 3) % cases.length]];
  for (const [before, after] of chosen) {
    const inFile = { file: before + text + after, offset: before.length };
    const where = `in ${JSON.stringify(before)} + document + ${JSON.stringify(after)}`;
    const fast = fastParse(text, maxDepth, inFile);
    const value = fastValue(text, maxDepth, inFile);
    if (!fast !== !alone || !value !== !aloneValue) return `${where}: fastParse ${fast ? 'took' : 'declined'}, fastValue ${value ? 'took' : 'declined'}; alone: ${alone ? 'took' : 'declined'}`;
    if (!fast) continue;
    if (!isDeepStrictEqual(fast.value, alone!.value) || !isDeepStrictEqual(value!.value, aloneValue!.value)) return `${where}: another value: ${JSON.stringify(fast.value).slice(0, 300)}`;
    const got = JSON.stringify({ range: fast.yaml.range, c: dump(fast.yaml.contents), docStart: !!fast.yaml.directives?.docStart });
    if (got !== want) return `${where}: another tree:\n in file: ${got.slice(0, 300)}\n alone:   ${want!.slice(0, 300)}`;
  }
  return undefined;
}
