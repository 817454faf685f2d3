// The one place that loads the generated schema (bundled into the build; never read from disk at run time).
import raw from './generated/k8s-schema.json';
import type { Definition, SchemaBundle, TypeSpec } from './types';

export const SCHEMA: SchemaBundle = raw as unknown as SchemaBundle;

export function definition(name: string | undefined): Definition | undefined {
  return name ? SCHEMA.definitions[name] : undefined;
}

/** The top-level definition for a kind this engine validates (exact, case-sensitive kind). */
export function kindDefinition(kind: string): Definition | undefined {
  const k = Object.prototype.hasOwnProperty.call(SCHEMA.kinds, kind) ? SCHEMA.kinds[kind] : undefined;
  return k ? SCHEMA.definitions[k.definition] : undefined;
}

/** The type found at a path from a kind's root: keys step into properties or map values, indexes into items. */
export function typeAt(kind: string, path: readonly (string | number)[]): TypeSpec | undefined {
  const k = Object.prototype.hasOwnProperty.call(SCHEMA.kinds, kind) ? SCHEMA.kinds[kind] : undefined;
  if (!k) return undefined;
  let t: TypeSpec | undefined = { type: 'object', ref: k.definition };
  for (const seg of path) {
    t = step(t, seg);
    if (!t) return undefined;
  }
  return t;
}

/** One step from a type into a child. Arrays accept any key too, so `containers.image` reads as an item field. */
export function step(t: TypeSpec | undefined, seg: string | number): TypeSpec | undefined {
  if (!t) return undefined;
  if (t.type === 'array') return typeof seg === 'number' ? t.items : step(t.items, seg);
  if (typeof seg === 'number') return undefined;
  if (t.type === 'map') return t.values;
  if (t.type === 'object') {
    const d = definition(t.ref);
    return d && Object.prototype.hasOwnProperty.call(d.properties, seg) ? d.properties[seg] : undefined;
  }
  return undefined;
}

/** Definition name of the object at a type (through arrays), if any. */
export function objectOf(t: TypeSpec | undefined): string | undefined {
  if (!t) return undefined;
  if (t.type === 'object') return t.ref;
  if (t.type === 'array') return objectOf(t.items);
  return undefined;
}

/** Human-readable type, e.g. 'integer', 'object (PodSpec)', 'array of Container', 'map of string'. */
export function describeType(t: TypeSpec): string {
  switch (t.type) {
    case 'object':
      return `object (${t.ref})`;
    case 'array':
      return `array of ${t.items ? itemName(t.items) : 'any'}`;
    case 'map':
      return `map of ${t.values ? itemName(t.values) : 'any'}`;
    case 'intOrString':
      return 'integer or string';
    case 'quantity':
      return 'quantity (e.g. 1Gi, 500m)';
    default:
      return t.type; // enums are listed separately (FieldInfo.enum)
  }
}

function itemName(t: TypeSpec): string {
  if (t.type === 'object') return t.ref ?? 'object';
  if (t.type === 'array' || t.type === 'map') return describeType(t);
  if (t.type === 'intOrString') return 'integer or string';
  return t.type;
}
