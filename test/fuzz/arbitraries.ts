// fast-check generators of hostile YAML: mutations of real manifests and random Kubernetes-shaped documents.
import fc from 'fast-check';
import { stringify } from 'yaml';

/** Scalars and nodes that a field may hold instead of what it should. */
const WRONG_VALUES = [
  '{}', '[]', '{a: 1}', '[1, 2]', '- x\n- y', '-5', '0', '3.7', '1e400', '0x1F', '.inf', '.nan', '"str"', "'s'", 'null', '~', '',
  'true', 'no', '2147483648', '-9223372036854775809', '*nope', '&anc x', '!!binary aGk=', '!custom x', '|\n  block\n  text',
  '>-\n  folded', '"\\u0000\\uD800"', '"unterminated', "'also", '[unclosed', '{unclosed: ', '? complex\n: key', '<<: *nope',
  '{{ .Values.x }}', '"' + 'x'.repeat(300) + '"', 'a: b: c', ':', '- - - x', '\t', '#', '%TAG ! x', '@reserved', '`tick',
];

const KEYS = [
  'apiVersion', 'kind', 'metadata', 'name', 'namespace', 'labels', 'annotations', 'spec', 'replicas', 'serviceName', 'selector',
  'matchLabels', 'matchExpressions', 'template', 'containers', 'initContainers', 'image', 'ports', 'containerPort', 'port', 'targetPort',
  'clusterIP', 'volumeClaimTemplates', 'volumeMounts', 'mountPath', 'volumes', 'persistentVolumeClaim', 'claimName', 'configMap', 'data',
  'resources', 'requests', 'limits', 'storage', 'cpu', 'memory', 'accessModes', 'storageClassName', 'env', 'value', 'valueFrom',
  'configMapKeyRef', 'key', 'readinessProbe', 'livenessProbe', 'httpGet', 'tcpSocket', 'exec', 'path', 'podManagementPolicy',
  'updateStrategy', 'rollingUpdate', 'partition', 'maxUnavailable', 'persistentVolumeClaimRetentionPolicy', 'whenDeleted', 'ordinals',
  'start', 'minReadySeconds', 'revisionHistoryLimit', 'capacity', 'hostPath', 'local', 'nodeAffinity', 'claimRef', 'volumeName', 'type',
  'publishNotReadyAddresses', 'subdomain', 'hostname', '<<', 'x-unknown', '', ' ', '0', 'ñame', '🚀',
];
const KINDS = ['StatefulSet', 'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'ConfigMap', 'Deployment', 'Kustomization', 'statefulset', ''];
const API = ['apps/v1', 'v1', 'apps/v1beta1', 'kustomize.config.k8s.io/v1beta1', 'batch/v1', ''];

const scalar = fc.oneof(
  fc.constantFrom('web', 'nginx', 'data', 'www', 'app', 'db-0', 'None', 'ReadWriteOnce', '1Gi', '500m', 'OrderedReady', 'Parallel', 'OnDelete', 'RollingUpdate', 'Retain', 'Delete', '/data', 'http', 'TCP'),
  fc.integer({ min: -5, max: 70000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Random Kubernetes-shaped values: real field names at random places with random types. */
const k8sValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('seq')),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 6 }),
  seq: fc.array(tie('node'), { maxLength: 4 }),
})).node;

const k8sDoc = fc.record({
  apiVersion: fc.constantFrom(...API),
  kind: fc.constantFrom(...KINDS),
  metadata: fc.record({ name: fc.oneof(fc.constantFrom('web', 'nginx', 'www-web-0', 'Bad_Name', ''), scalar), namespace: fc.option(fc.constantFrom('default', 'prod', ''), { nil: undefined }) }, { requiredKeys: [] }),
  spec: k8sValue,
  data: k8sValue,
}, { requiredKeys: ['kind'] });

/** Serialises random documents with random layout options. */
export const randomYaml: fc.Arbitrary<string> = fc
  .tuple(fc.array(k8sDoc, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 8 }), fc.constantFrom('block', 'flow', 'mixed'))
  .map(([docs, indent, style]) => docs.map((d, i) => stringify(d, { indent, collectionStyle: style === 'mixed' ? (i % 2 ? 'flow' : 'block') : (style as 'block' | 'flow'), lineWidth: 0 })).join('---\n'));

type Mutation = (text: string) => string;

const lines = (t: string) => t.split('\n');
const at = (n: number, r: number) => (n <= 0 ? 0 : Math.floor(r * n) % n);

/** One mutation of a text, driven by random numbers in [0, 1). */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((r): Mutation => (t) => t.slice(0, Math.floor(r * t.length))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 5 })).map(([r, k]): Mutation => (t) => {
    const l = lines(t);
    l.splice(at(l.length, r), k);
    return l.join('\n');
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((r): Mutation => (t) => {
    const l = lines(t);
    const i = at(l.length, r);
    l.splice(i, 0, l[i] ?? '');
    return l.join('\n');
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 8 }), fc.string({ unit: fc.constantFrom(' ', '\t', '-', ':', '#', '[', '{', '"', "'", '&', '*', '!', '|', '>', '?', ',', '\r', '\n', 'x'), maxLength: 6 }))
    .map(([r, del, ins]): Mutation => (t) => {
      const i = Math.floor(r * t.length);
      return t.slice(0, i) + ins + t.slice(i + del);
    }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ unit: 'grapheme', maxLength: 8 })).map(([r, s]): Mutation => (t) => {
    const i = Math.floor(r * t.length);
    return t.slice(0, i) + s + t.slice(i);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...WRONG_VALUES)).map(([r, v]): Mutation => (t) => {
    // Replace the value of a `key: value` line with something of the wrong type.
    const l = lines(t);
    const candidates = l.map((x, i) => (/^\s*-?\s*[\w.-]+:\s+\S/.test(x) ? i : -1)).filter((i) => i >= 0);
    if (!candidates.length) return t;
    const i = candidates[at(candidates.length, r)];
    const m = /^(\s*-?\s*[\w.-]+:\s+)/.exec(l[i])!;
    const ind = ' '.repeat(m[1].length);
    l[i] = m[1] + v.replace(/\n/g, '\n' + ind);
    return l.join('\n');
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -4, max: 4 }), fc.boolean()).map(([r, d, tab]): Mutation => (t) => {
    const l = lines(t);
    const i = at(l.length, r);
    const cur = /^[ \t]*/.exec(l[i] ?? '')![0].length;
    l[i] = (tab ? '\t' : ' ').repeat(Math.max(0, cur + d)) + (l[i] ?? '').trimStart();
    return l.join('\n');
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((r): Mutation => (t) => {
    const l = lines(t);
    l.splice(at(l.length, r), 0, '---');
    return l.join('\n');
  }),
  fc.constant<Mutation>((t) => t.replace(/\n/g, '\r\n')),
  fc.constant<Mutation>((t) => '\uFEFF' + t),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('\u0000', '\uFFFD\uFFFD', '\uD800', '\u202E', '\u2028', '\u0085', '\u00A0', '\u0007')).map(([r, s]): Mutation => (t) => {
    const i = Math.floor(r * t.length);
    return t.slice(0, i) + s + t.slice(i);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1000, max: 200_000 })).map(([r, n]): Mutation => (t) => {
    const i = Math.floor(r * t.length);
    return t.slice(0, i) + 'x'.repeat(n) + t.slice(i);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 50, max: 3000 }), fc.constantFrom('[', '{', '{a: ', '- ', '[{')).map(([r, n, open]): Mutation => (t) => {
    const i = Math.floor(r * t.length);
    return t.slice(0, i) + open.repeat(n) + t.slice(i);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 50, max: 400 })).map(([r, n]): Mutation => (t) => {
    const l = lines(t);
    const i = at(l.length, r);
    l.splice(i, 0, ...Array.from({ length: n }, (_, k) => ' '.repeat(k) + `n${k}:`));
    return l.join('\n');
  }),
  // Copies of the text as documents; capped at ~20 MB, as repeated mutations multiply the size.
  fc.integer({ min: 2, max: 100 }).map((n): Mutation => (t) => Array(Math.max(1, Math.min(n, Math.floor(20e6 / (t.length + 5))))).fill(t).join('\n---\n')),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 2, max: 12 }), fc.boolean()).map(([r, depth, merge]): Mutation => (t) => {
    // Anchors, aliases and merge keys, sometimes exponential.
    const bomb = ['x0: &x0 {a: [1, 2, 3], b: y}'];
    for (let k = 1; k < depth; k++) bomb.push(merge ? `x${k}: &x${k}\n  <<: [*x${k - 1}, *x${k - 1}]\n  s: [*x${k - 1}, *x${k - 1}, *x${k - 1}]` : `x${k}: &x${k} [*x${k - 1}, *x${k - 1}, *x${k - 1}, *x${k - 1}]`);
    const l = lines(t);
    l.splice(at(l.length, r), 0, ...bomb.join('\n').split('\n'));
    return l.join('\n');
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([r, bytes]): Mutation => (t) => {
    // Binary junk decoded the way an editor would (invalid UTF-8 -> U+FFFD).
    const i = Math.floor(r * t.length);
    return t.slice(0, i) + Buffer.from(bytes).toString('utf8') + t.slice(i);
  }),
);

/** A seed text with 1..4 mutations applied. */
export function mutated(seeds: string[]): fc.Arbitrary<{ seed: string; text: string }> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([seed, ms]) => ({ seed, text: ms.reduce((t, m) => m(t), seed) }));
}

/** Offsets into a text of unknown length, as fractions (so they shrink well). */
export const offsetFractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 });

/**
 * Small edits that mostly keep a manifest in plain block YAML (so the fast parse path takes it): the
 * neighbourhood where a fast path and the `yaml` library could disagree.
 */
const EDGE_SCALARS = [
  '~', 'null', 'Null', 'NULL', 'true', 'True', 'FALSE', 'yes', 'no', 'on', '0', '-0', '+1', '08', '0o17', '0x1F', '0xG', '1e3', '1E-3', '.5', '5.',
  '2.50', '.inf', '-.Inf', '.nan', '1_000', '12:30', '"x"', '""', "''", "'it''s'", '"a # b"', "'a: b'", '[]', '{}', '[a, b]', '[ "x" ]', '{a: 1}',
  '{a: 1, a: 2}', '[a, , b]', '[a,]', '[a: b]', '{ "q": 1 }', 'a # c', 'a#b', 'a: b', 'http://x:80/p', '- x', '-x', '?x', ':x', '|', '>-', '"unclosed',
  '*x', '&a x', '!t x', '!!str 1', 'a*b', 'x &y', '100%', '%x', '"a\\"b"', '"a\\nb"', "'a\\b'", 'c:\\d', '|\n  x', '>\n  x\n  y', '|-\n  x\n\n  y', '|+\n  x\n',
];
/** An index in [0, n) from a fraction in [0, 1]. */
const pick = (r: number, n: number) => Math.min(n - 1, Math.floor(r * n));
export const lightMutation: fc.Arbitrary<(t: string) => string> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -3, max: 3 })).map(([r, d]) => (t: string) => {
    const l = t.split('\n');
    const i = pick(r, l.length);
    l[i] = d >= 0 ? ' '.repeat(d) + l[i] : l[i].replace(new RegExp(`^ {0,${-d}}`), '');
    return l.join('\n');
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 12 }), fc.constantFrom('# c', '#', '', '  ')).map(([r, n, c]) => (t: string) => {
    const l = t.split('\n');
    l.splice(Math.floor(r * (l.length + 1)), 0, ' '.repeat(n) + c);
    return l.join('\n');
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...EDGE_SCALARS)).map(([r, v]) => (t: string) => {
    const l = t.split('\n');
    const i = pick(r, l.length);
    l[i] = l[i].replace(/(:|^\s*-)( .*)?$/, `$1 ${v}`);
    return l.join('\n');
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([r, s]) => (t: string) => {
    const l = t.split('\n');
    const i = pick(r, l.length);
    const j = pick(s, l.length);
    return [...l.slice(0, i), l[j] ?? '', ...l.slice(i)].join('\n');
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((r) => (t: string) => {
    const l = t.split('\n');
    l.splice(pick(r, l.length), 1);
    return l.join('\n');
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(' ', ':', '-', '#', '"', "'", ',', '[', ']', '{', '}', '\n', ' #', ': ', '- ', '\r', '\t')).map(([r, s]) => (t: string) => {
    const i = Math.floor(r * (t.length + 1));
    return t.slice(0, i) + s + t.slice(i);
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((r) => (t: string) => {
    const i = Math.floor(r * t.length);
    return t.slice(0, i) + t.slice(i + 1);
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((r) => (t: string) => t.slice(0, Math.floor(r * (t.length + 1)))),
  // Windows line breaks: all of them, or one line's (the fast path reads CRLF lines; a lone '\r' it declines).
  fc.constant((t: string) => t.replace(/\r?\n/g, '\r\n')),
  fc.double({ min: 0, max: 1, noNaN: true }).map((r) => (t: string) => {
    const l = t.split('\n');
    const i = pick(r, l.length);
    if (!l[i].endsWith('\r')) l[i] += '\r';
    return l.join('\n');
  }),
);

/** One document of a seed text with 1..4 light mutations. */
export function lightlyMutated(docs: string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...docs), fc.array(lightMutation, { minLength: 1, maxLength: 4 })).map(([d, ms]) => ms.reduce((t, m) => m(t), d));
}
