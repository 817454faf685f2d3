// conforms() answers "would the kind's ajv validator accept this value?" without running it; validate.ts skips
// the validator when it says yes. So the two must agree everywhere: on every real document, and on values
// generated from the schema with a few things made wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildFileModel } from '../../server/src/core/model';
import { DEFAULT_LIMITS } from '../../server/src/core/settings';
import { conforms } from '../../server/src/core/schema/conforms';
import { SCHEMA } from '../../server/src/core/schema/bundle';
import type { TypeSpec } from '../../server/src/core/schema/types';
import * as validators from '../../server/src/core/schema/generated/validators';
import type { Validator } from '../../server/src/core/schema/generated/validators';
import { validateDocument } from '../../server/src/core/schema/validate';
import { pairs } from '../bench/generate';

const root = join(__dirname, '..', '..');
const KINDS = Object.keys(SCHEMA.kinds);
const validator = (kind: string) => (validators as unknown as Record<string, Validator>)[kind];

function agree(kind: string, value: unknown, where: string): void {
  const ajv = validator(kind)(value);
  assert.equal(conforms(kind, value), ajv, `${where} as ${kind}: ajv says ${ajv ? 'valid' : 'invalid'}: ${JSON.stringify(value)?.slice(0, 400)}`);
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

test('every document of the fixtures, examples, seed, corpus and bench files: the same answer as ajv, as every kind', () => {
  const files = [join(root, 'test', 'fixtures'), join(root, 'examples'), join(root, '..', 'shared', 'corpus', 'files')].flatMap(yamlFiles);
  const texts = files.map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
  texts.push({ name: 'bench pairs', text: pairs(20) });
  let valid = 0;
  let checked = 0;
  for (const { name, text } of texts) {
    const model = buildFileModel('file:///x.yaml', text, DEFAULT_LIMITS);
    for (const doc of model.docs) {
      if (doc.value === undefined) continue;
      // Each document as every kind: a Service read as a StatefulSet is a rich source of invalid values.
      for (const kind of KINDS) {
        agree(kind, doc.value, name);
        checked++;
      }
      const kind = (doc.value as { kind?: unknown } | null)?.kind;
      if (typeof kind === 'string' && KINDS.includes(kind) && conforms(kind, doc.value)) valid++;
    }
  }
  assert.ok(files.length > 150, `only ${files.length} files`);
  // Both answers occur often: the comparison is not only of invalid values.
  assert.ok(valid > 200 && checked > valid * 3, `${valid} valid of ${checked} compared`);
});

test('values generated from the schema, some fields made wrong: the same answer as ajv', () => {
  let valid = 0;
  fc.assert(
    fc.property(fc.constantFrom(...KINDS), fc.integer(), fc.constantFrom(0, 0.01, 0.02, 0.05, 0.1, 0.3), (kind, seed, wrongness) => {
      const value = generate(kind, seed, wrongness);
      agree(kind, value, `seed ${seed}, wrongness ${wrongness}`);
      if (conforms(kind, value)) valid++;
    }),
    { seed: 20261601, numRuns: 4000 },
  );
  assert.ok(valid > 600, `only ${valid} of 4000 generated values were valid`);
});

test('the edges of each type, read as ajv reads them', () => {
  const sts = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { selector: {}, serviceName: 'x', template: {}, ...spec } });
  for (const replicas of [3, -1, 0, -0, 1.5, 1e21, Infinity, -Infinity, NaN, '3', true, null, [], {}]) agree('StatefulSet', sts({ replicas }), `replicas ${String(replicas)}`);
  for (const policy of ['Parallel', 'parallel', '', null, 1]) agree('StatefulSet', sts({ podManagementPolicy: policy }), `policy ${String(policy)}`);
  for (const maxUnavailable of [1, '50%', 1.5, Infinity, NaN, true]) agree('StatefulSet', sts({ updateStrategy: { rollingUpdate: { maxUnavailable } } }), `maxUnavailable ${String(maxUnavailable)}`);
  const pvc = (storage: unknown) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { resources: { requests: { storage } } } });
  for (const storage of ['1Gi', 1, 1.5, NaN, Infinity, null, true, [], {}]) agree('PersistentVolumeClaim', pvc(storage), `storage ${String(storage)}`);
  // Keys that name Object.prototype members, set as own keys (JSON.parse does that for __proto__).
  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    agree('ConfigMap', JSON.parse(`{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"${key}": "x"}}`), `data key ${key}`);
    agree('ConfigMap', JSON.parse(`{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "${key}": "x"}}`), `metadata key ${key}`);
  }
  // A root that is not an object; a root without the fields its own rules check.
  for (const v of [null, [], 'x', 1, {}, { metadata: null }]) for (const kind of KINDS) agree(kind, v, JSON.stringify(v));
  assert.equal(conforms('Deployment', {}), false, 'a kind without a schema never conforms: its validator decides');
});

test('validateDocument reports the same problems with the shortcut as ajv alone', () => {
  const text = readFileSync(join(root, 'examples', 'mistakes', readdirSync(join(root, 'examples', 'mistakes'))[0]), 'utf8');
  for (const doc of buildFileModel('file:///m.yaml', text + '\n---\n' + pairs(2), DEFAULT_LIMITS).docs) {
    const kind = (doc.value as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !KINDS.includes(kind)) continue;
    const v = validator(kind);
    assert.equal(validateDocument(kind, doc.value as Record<string, unknown>).length === 0, v(doc.value));
  }
});

// ---------- values from the schema ----------

/** A small seeded generator (mulberry32): the same seed gives the same value. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WRONG: unknown[] = [null, 1.5, -0, NaN, Infinity, 1e21, 'x', '', true, [], {}, [1], { x: 1 }];

/** A value of `kind` built from its definition; with probability `wrongness` a field is replaced, added or dropped. */
function generate(kind: string, seed: number, wrongness: number): unknown {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const wrong = () => rnd() < wrongness;

  function object(ref: string, depth: number, isRoot: boolean): Record<string, unknown> {
    const d = SCHEMA.definitions[ref];
    const out: Record<string, unknown> = {};
    for (const [name, t] of Object.entries(d.properties)) {
      const required = d.required.includes(name);
      if (wrong() && required) continue; // a required field dropped
      if (!required && (depth > 4 || rnd() < 0.75)) continue;
      out[name] = isRoot && (name === 'apiVersion' || name === 'kind') ? pick(['v1', 'apps/v1', 1, null]) : valueOf(t, depth + 1);
    }
    // An unknown key, as an own property (a plain assignment to __proto__ would set the prototype instead).
    if (wrong()) Object.defineProperty(out, pick(['x-unknown', 'Name', 'spec', 'image', '__proto__']), { value: pick(WRONG), enumerable: true, writable: true, configurable: true });
    return out;
  }

  function valueOf(t: TypeSpec | undefined, depth: number): unknown {
    if (wrong()) return pick(WRONG);
    switch (t?.type) {
      case 'string':
        return t.enum ? (wrong() ? 'Nope' : pick(t.enum)) : pick(['web', '1Gi', '']);
      case 'integer':
        return pick([0, 3, -1, 65535]);
      case 'boolean':
        return rnd() < 0.5;
      case 'quantity':
        return pick(['1Gi', '500m', 2, 0.5]);
      case 'intOrString':
        return pick([8080, 'http', '50%']);
      case 'array':
        return depth > 6 ? [] : Array.from({ length: Math.floor(rnd() * 3) }, () => valueOf(t.items, depth + 1));
      case 'map':
        return depth > 6 ? {} : Object.fromEntries(Array.from({ length: Math.floor(rnd() * 3) }, (_, i) => [`k${i}`, valueOf(t.values, depth + 1)]));
      case 'object':
        return depth > 6 ? null : object(t.ref!, depth, false);
      default:
        return pick(WRONG);
    }
  }

  return object(SCHEMA.kinds[kind].definition, 0, true);
}
