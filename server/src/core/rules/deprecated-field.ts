// Fields the Kubernetes API marks deprecated (serviceAccount, in-tree volume plugins, loadBalancerIP...), taken from the schema's descriptions.
import { isMap } from 'yaml';
import { KNOWN_KINDS, type Resource } from '../model';
import { findPair, getIn, getPairIn, type PathSeg } from '../nodes';
import type { DocRule, RuleContext } from '../rule';
import { SCHEMA } from '../schema/bundle';
import { definition, typeAt, type TypeSpec } from '../schema/index';
import { schemaSubject } from '../schema/support';
import type { Fix } from '../types';

/** A replacement the API names, for a one-click rename. */
const RENAMES: Record<string, string> = { 'PodSpec.serviceAccount': 'serviceAccountName' };

const DEPRECATED = /(?:^|\.\s+)Deprecated[:.]\s*([^\n]*)/;
// Keyed by the field's type object (shared by the schema): a string key per field per document
// would be built and hashed on every walk.
const notes = new WeakMap<TypeSpec, string | null>();

/** The "Deprecated: ..." sentence of a field's description, or null (cached per field type). */
function deprecation(t: TypeSpec): string | null {
  let n = notes.get(t);
  if (n === undefined) {
    const m = DEPRECATED.exec(t.description ?? '');
    n = m ? (m[1].trim() || 'deprecated.') : null;
    notes.set(t, n);
  }
  return n;
}

export const deprecatedField: DocRule = {
  code: 'deprecated-field',
  severity: 'info',
  description: 'A field the Kubernetes API documents as deprecated (e.g. serviceAccount, in-tree volume plugins): it may stop working or be ignored.',
  kinds: KNOWN_KINDS,
  check(resource, ctx) {
    // After a syntax error: the document with its broken lines blanked (support.ts).
    const subject = schemaSubject(resource, ctx.settings.limits);
    if (!subject) return;
    const { kind, r } = subject;
    walk(r, ctx, r.value, typeAt(kind, []), []);
  },
};

/**
 * Walks the plain value along the types that can hold a deprecated field (see plans): in a whole
 * manifest that is a handful of objects (metadata, the pod spec, volumes, lifecycle hooks). `path` is
 * where `v` is, one stack for the whole walk (pushed and popped around each step); report copies it.
 */
function walk(r: Resource, ctx: RuleContext, v: unknown, t: TypeSpec | undefined, path: PathSeg[]): void {
  if (!t || v === null || typeof v !== 'object') return;
  if (t.type === 'array' || t.type === 'map') {
    const inner = t.type === 'array' ? t.items : t.values;
    if (!inner || !mayHoldDeprecated(inner) || Array.isArray(v) !== (t.type === 'array')) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) step(r, ctx, v[i], inner, path, i);
    } else {
      const map = v as Record<string, unknown>;
      for (const k of Object.keys(map)) step(r, ctx, map[k], inner, path, k);
    }
    return;
  }
  if (t.type !== 'object' || !t.ref || Array.isArray(v)) return;
  const plan = planOf(t.ref);
  if (!plan) return;
  const obj = v as Record<string, unknown>;
  for (const [field, note] of plan.deprecated) if (Object.prototype.hasOwnProperty.call(obj, field)) report(r, ctx, [...path, field], t.ref, field, note);
  for (const [field, ft] of plan.holders) if (obj[field] !== undefined) step(r, ctx, obj[field], ft, path, field);
}

/** Walks `v`, found at `seg` under `path`. */
function step(r: Resource, ctx: RuleContext, v: unknown, t: TypeSpec, path: PathSeg[], seg: PathSeg): void {
  path.push(seg);
  walk(r, ctx, v, t, path);
  path.pop();
}

interface Plan {
  /** Deprecated fields of the definition, with the API's note. */
  deprecated: [string, string][];
  /** Fields whose values can hold a deprecated field further down. */
  holders: [string, TypeSpec][];
}

const plans = new Map<string, Plan | null>();

/** What to look at in an object of a definition; null when nothing in it can be deprecated. */
function planOf(ref: string): Plan | null {
  let plan = plans.get(ref);
  if (plan === undefined) {
    const d = definition(ref);
    const fields = d ? Object.entries(d.properties) : [];
    const deprecated = fields.flatMap(([f, ft]) => {
      const note = deprecation(ft);
      return note === null ? [] : [[f, note] as [string, string]];
    });
    const holders = fields.filter(([, ft]) => mayHoldDeprecated(ft));
    plan = deprecated.length || holders.length ? { deprecated, holders } : null;
    plans.set(ref, plan);
  }
  return plan;
}

// Whether a value of a type can contain a deprecated field at any depth. Most of a manifest (labels,
// containers' env, probes...) cannot, and the walk skips it.
let holderDefs: Set<string> | undefined;

function mayHoldDeprecated(t: TypeSpec): boolean {
  if (t.type === 'array') return !!t.items && mayHoldDeprecated(t.items);
  if (t.type === 'map') return !!t.values && mayHoldDeprecated(t.values);
  return t.type === 'object' && !!t.ref && (holderDefs ??= deprecationHolders()).has(t.ref);
}

/** Definitions with a deprecated field at some depth: those with one, then their users, to a fixpoint. */
function deprecationHolders(): Set<string> {
  const defs = Object.entries(SCHEMA.definitions);
  const refOf = (t: TypeSpec | undefined): string | undefined => (!t ? undefined : t.type === 'object' ? t.ref : refOf(t.items ?? t.values));
  const out = new Set(defs.filter(([, d]) => Object.values(d.properties).some((ft) => deprecation(ft) !== null)).map(([name]) => name));
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, d] of defs) {
      if (out.has(name) || !Object.values(d.properties).some((ft) => out.has(refOf(ft) ?? ''))) continue;
      out.add(name);
      grew = true;
    }
  }
  return out;
}

function report(r: Resource, ctx: RuleContext, path: PathSeg[], owner: string, field: string, note: string): void {
  const to = RENAMES[`${owner}.${field}`];
  const fixes: Fix[] = [];
  const pair = getPairIn(r.root, path);
  const span = pair && ctx.span(r, pair.key);
  // Renaming onto a field that is already set would create a duplicate key.
  const siblings = getIn(r.root, path.slice(0, -1));
  if (to && span && !findPair(isMap(siblings) ? siblings : undefined, to)) fixes.push({ title: `Rename to ${to}`, edits: [{ uri: r.uri, ...span, newText: to }], isPreferred: true });
  ctx.report(r, { node: pair?.key, path, message: `"${field}" is deprecated: ${note}`, fixes, tags: ['deprecated'] });
}
