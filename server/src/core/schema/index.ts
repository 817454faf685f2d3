// Query API over the bundled Kubernetes schema for hover, completion and rules. Signatures are stable.
import { definition, describeType, kindDefinition, objectOf, SCHEMA, step, typeAt } from './bundle';
import type { TypeSpec } from './types';

export type SchemaPath = readonly (string | number)[];

export interface FieldInfo {
  name: string;
  description: string;
  /** Human readable, e.g. 'integer', 'string', 'object (PodSpec)', 'array of Container', 'map of string'. */
  type: string;
  enum?: string[];
  required: boolean;
}

export type { TypeSpec } from './types';
export { typeAt, describeType, objectOf, definition } from './bundle';

/** The field at `path` in a document of `kind` (e.g. ['spec', 'template', 'spec', 'containers', 0, 'image']). */
export function fieldInfo(kind: string, path: SchemaPath): FieldInfo | undefined {
  if (!kindDefinition(kind) || path.length === 0) return undefined;
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const t = typeAt(kind, path);
    if (!t) return undefined;
    const host = fieldInfo(kind, path.slice(0, -1));
    return info(String(last), t, false, host?.description ?? '');
  }
  // Find the nearest key segment before `last` to learn which object owns it (indexes are transparent).
  const parent = typeAt(kind, path.slice(0, -1));
  if (!parent) return undefined;
  const owner = objectOf(parent);
  const t = step(parent, last);
  if (!t) return undefined;
  const d = owner && definition(owner);
  const required = !!d && d.required.includes(last);
  // A map entry (a label, a ConfigMap key) has no description of its own: the map's says what it is.
  const description = t.description ?? (parent.type === 'map' ? fieldInfo(kind, path.slice(0, -1))?.description : undefined) ?? '';
  return info(last, t, required, description);
}

/** Child fields of the object at `path` (an array steps into its items); [] when not an object. */
export function fieldsAt(kind: string, path: SchemaPath): FieldInfo[] {
  const t = typeAt(kind, path);
  const ref = t && objectOf(t);
  const d = definition(ref);
  if (!d) return [];
  return Object.keys(d.properties).map((name) => info(name, d.properties[name], d.required.includes(name), d.properties[name].description ?? ''));
}

/** The kinds validated by this engine with their served apiVersion. */
export function knownKinds(): { kind: string; apiVersion: string }[] {
  return Object.keys(SCHEMA.kinds).map((kind) => ({ kind, apiVersion: SCHEMA.kinds[kind].apiVersion }));
}

/** The apiVersion a known kind is served under, or undefined for kinds this engine does not know. */
export function apiVersionOf(kind: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(SCHEMA.kinds, kind) ? SCHEMA.kinds[kind].apiVersion : undefined;
}

function info(name: string, t: TypeSpec, required: boolean, description: string): FieldInfo {
  return { name, description, type: describeType(t), ...(t.enum ? { enum: [...t.enum] } : {}), required };
}
