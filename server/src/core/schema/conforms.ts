// Would the kind's ajv validator accept this value? A yes/no walk over the bundled schema, asked before
// the validator runs. Most documents conform, and then the validator is not run at all.
//
// Why both: the ajv validators (validate.ts) are the authority on what is wrong and where. But they are
// one large generated function per definition, each run once per document, so V8 optimizes them only
// after thousands of documents; a one-shot check (the CLI, a workspace) runs them cold. This walk is a
// handful of small functions that run for every field of every document and are optimized within the
// first few. It must answer exactly as the validators do (test/unit/conforms.test.ts compares the two
// on every fixture, example and corpus document and on generated values); it follows the JSON Schema
// that scripts/gen-schema.mjs hands to ajv:
//   - null is accepted wherever a field is optional (not for a kind's root object);
//   - objects are strict (no unknown keys); a required field is missing when it reads undefined;
//   - integer is a number with no fraction that is not NaN (ajv's own test: Infinity passes);
//   - quantity is a string or any number; intOrString a string or an integer;
//   - apiVersion and kind at a kind's root accept anything (their own rules check them).
import { isObj } from '../k8s/pod';
import { SCHEMA } from './bundle';
import type { TypeSpec } from './types';

const enum Tag { Any, String, Enum, Integer, Boolean, Quantity, IntOrString, Array, Map, Object }

interface Shape {
  tag: Tag;
  /** Enum: the allowed strings. */
  allowed: ReadonlySet<string> | undefined;
  /** Array items or map values. */
  inner: Shape | undefined;
  /** Object: the definition's name, and its shape once first needed (definitions refer to each other). */
  ref: string | undefined;
  object: ObjectShape | undefined;
}

interface ObjectShape {
  fields: Map<string, Shape>;
  required: readonly string[];
}

const ANY: Shape = shape(Tag.Any);
const objects = new Map<string, ObjectShape>();
const roots = new Map<string, ObjectShape | undefined>();

/** True when the validator of `kind` would report nothing for `value`; false also for kinds without a schema. */
export function conforms(kind: string, value: unknown): boolean {
  let root = roots.get(kind);
  if (root === undefined && !roots.has(kind)) {
    const k = Object.prototype.hasOwnProperty.call(SCHEMA.kinds, kind) ? SCHEMA.kinds[kind] : undefined;
    root = k && objectShape(k.definition, true);
    roots.set(kind, root);
  }
  return root !== undefined && isObj(value) && fitsObject(root, value);
}

function fits(s: Shape, v: unknown): boolean {
  if (v === null) return true;
  switch (s.tag) {
    case Tag.Any:
      return true;
    case Tag.String:
      return typeof v === 'string';
    case Tag.Enum:
      return typeof v === 'string' && s.allowed!.has(v);
    case Tag.Integer:
      return isInteger(v);
    case Tag.Boolean:
      return typeof v === 'boolean';
    case Tag.Quantity:
      return typeof v === 'string' || typeof v === 'number';
    case Tag.IntOrString:
      return typeof v === 'string' || isInteger(v);
    case Tag.Array:
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) if (!fits(s.inner!, v[i])) return false;
      return true;
    case Tag.Map:
      if (!isObj(v)) return false;
      for (const key in v) if (!fits(s.inner!, v[key])) return false;
      return true;
    default: // Tag.Object
      return isObj(v) && fitsObject((s.object ??= objectShape(s.ref!, false)), v);
  }
}

function fitsObject(o: ObjectShape, v: Record<string, unknown>): boolean {
  for (const key in v) {
    const s = o.fields.get(key);
    if (s === undefined || !fits(s, v[key])) return false;
  }
  for (let i = 0; i < o.required.length; i++) if (v[o.required[i]] === undefined) return false;
  return true;
}

function isInteger(v: unknown): boolean {
  return typeof v === 'number' && !(v % 1) && !Number.isNaN(v);
}

/** A definition's shape, built once per definition (a root's apiVersion and kind differ, so roots are kept apart). */
function objectShape(name: string, root: boolean): ObjectShape {
  const cached = root ? undefined : objects.get(name);
  if (cached) return cached;
  const d = SCHEMA.definitions[name];
  const fields = new Map<string, Shape>();
  for (const [field, t] of Object.entries(d.properties)) fields.set(field, root && (field === 'apiVersion' || field === 'kind') ? ANY : shapeOf(t));
  const o: ObjectShape = { fields, required: root ? d.required.filter((f) => f !== 'apiVersion' && f !== 'kind') : d.required };
  if (!root) objects.set(name, o);
  return o;
}

function shapeOf(t: TypeSpec | undefined): Shape {
  switch (t?.type) {
    case 'string':
      return t.enum ? shape(Tag.Enum, undefined, new Set(t.enum)) : shape(Tag.String);
    case 'integer':
      return shape(Tag.Integer);
    case 'boolean':
      return shape(Tag.Boolean);
    case 'quantity':
      return shape(Tag.Quantity);
    case 'intOrString':
      return shape(Tag.IntOrString);
    case 'array':
      return shape(Tag.Array, shapeOf(t.items));
    case 'map':
      return shape(Tag.Map, shapeOf(t.values));
    case 'object':
      return shape(Tag.Object, undefined, undefined, t.ref);
    default:
      return ANY;
  }
}

function shape(tag: Tag, inner?: Shape, allowed?: ReadonlySet<string>, ref?: string): Shape {
  return { tag, allowed, inner, ref, object: undefined };
}
