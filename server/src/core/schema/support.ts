// Helpers shared by the schema rules: which documents get validated, readable paths and value texts.
import { isScalar } from 'yaml';
import type { Resource } from '../model';
import { asMap, nodeRange } from '../nodes';
import { repairDocument } from '../repair';
import type { Limits } from '../types';
import { apiVersionOf } from './index';
import type { TypeSpec } from './types';

/** True when `r` is one of the kinds the schema covers, in the API group this engine knows. */
export function validatedKind(r: Resource): string | undefined {
  if (!r.kind || !r.value) return undefined;
  // After a syntax error the value is a guess: field findings there would only add noise to the real error.
  if (hasSyntaxError(r)) return undefined;
  const expected = apiVersionOf(r.kind);
  if (!expected) return undefined;
  const written = r.value.apiVersion;
  // Missing apiVersion: still validate (it is reported on its own). Another version: the api-version
  // rule speaks; a group with a dot is a CRD of the same kind name (e.g. Knative's Service): not ours.
  return written === undefined || written === null || written === expected ? r.kind : undefined;
}

/**
 * What the schema checks validate: the resource itself, or, after a YAML syntax error, the document with its
 * broken lines blanked (repair.ts) when that parses and still declares the same kind. Blanking removes whole
 * lines with the lines they own, so what is left keeps its types (a list whose items all went is null, which
 * the API accepts); a missing field is reported only where no blanked line could have been its key.
 */
export interface SchemaSubject {
  kind: string;
  r: Resource;
  /** Whether a blanked line could have been a key of the mapping `node` (never, without a repair). */
  couldHoldKey(node: unknown): boolean;
}
const NEVER = (): boolean => false;
// One entry, the last resource's: the five schema checks ask for the same document one after the other.
const last: { r: Resource | undefined; limits: Limits | undefined; subject: SchemaSubject | undefined } = { r: undefined, limits: undefined, subject: undefined };

export function schemaSubject(r: Resource, limits: Limits): SchemaSubject | undefined {
  if (last.r === r && last.limits === limits) return last.subject;
  let subject: SchemaSubject | undefined;
  if (hasSyntaxError(r)) subject = repairedSubject(r, limits);
  else {
    const kind = validatedKind(r);
    subject = kind ? { kind, r, couldHoldKey: NEVER } : undefined;
  }
  last.r = r;
  last.limits = limits;
  last.subject = subject;
  return subject;
}

function repairedSubject(r: Resource, limits: Limits): SchemaSubject | undefined {
  if (!r.kind || !r.value) return undefined;
  const repair = repairDocument(r.doc, limits);
  const repaired = repair?.doc;
  const value = repaired?.value;
  if (!repaired || !value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (v.kind !== r.kind) return undefined;
  const fixed: Resource = {
    uri: r.uri, doc: repaired, root: asMap(repaired.yaml.contents), value: v, apiVersion: r.apiVersion, kind: r.kind, name: r.name, namespace: r.namespace,
  };
  const kind = validatedKind(fixed);
  return kind ? { kind, r: fixed, couldHoldKey: repair.couldHoldKey } : undefined;
}

function hasSyntaxError(r: Resource): boolean {
  // An index loop: this runs for every rule on every document, and most have no problems at all.
  const problems = r.doc.problems;
  for (let i = 0; i < problems.length; i++) if (problems[i].code === 'yaml-syntax' && problems[i].severity === 'error') return true;
  return false;
}

/** `spec.template.spec.containers[0]` */
export function humanPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

/** How a value reads in a message: 'the string "2"', 'the number 2.5', 'a list'. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (Array.isArray(v)) return 'a list';
  return 'a mapping (object)';
}

/** What a schema type expects, for messages: 'an integer', 'a list of Container'. */
export function expectedText(t: TypeSpec | undefined): string {
  if (!t) return 'another type';
  switch (t.type) {
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'boolean':
      return 'a boolean (true or false)';
    case 'quantity':
      return 'a quantity (e.g. "1Gi", "500m" or a number)';
    case 'intOrString':
      return 'an integer or a string';
    case 'object':
      return `a mapping (${t.ref})`;
    case 'array':
      return `a list${t.items?.type === 'object' ? ` of ${t.items.ref}` : t.items ? ` of ${t.items.type}s` : ''}`;
    case 'map':
      return `a mapping of ${t.values?.type === 'string' ? 'string values' : 'values'}`;
    default:
      return 'any value';
  }
}

/** Source text of a scalar node (as written, quotes included), or undefined. */
export function sourceText(r: Resource, node: unknown): string | undefined {
  const rg = nodeRange(node);
  if (!rg || !isScalar(node)) return undefined;
  return r.doc.text.slice(rg[0], rg[1]);
}
