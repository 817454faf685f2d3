// Fields the Kubernetes API marks deprecated (serviceAccount, in-tree volume plugins, loadBalancerIP...), taken from the schema's descriptions.
import { isMap, isSeq, type Pair, type YAMLMap } from 'yaml';
import { KNOWN_KINDS, type Resource } from '../model';
import { findPair, keyText } from '../nodes';
import type { DocRule, RuleContext } from '../rule';
import { definition, typeAt, type TypeSpec } from '../schema/index';
import { validatedKind } from '../schema/support';
import type { Fix } from '../types';

/** A replacement the API names, for a one-click rename. */
const RENAMES: Record<string, string> = { 'PodSpec.serviceAccount': 'serviceAccountName' };

const DEPRECATED = /(?:^|\.\s+)Deprecated[:.]\s*([^\n]*)/;
const notes = new Map<string, string | null>();

/** The "Deprecated: ..." sentence of a field's description, or null (cached per definition.field). */
function deprecation(owner: string, field: string, t: TypeSpec): string | null {
  const key = `${owner}.${field}`;
  let n = notes.get(key);
  if (n === undefined) {
    const m = DEPRECATED.exec(t.description ?? '');
    n = m ? (m[1].trim() || 'deprecated.') : null;
    notes.set(key, n);
  }
  return n;
}

export const deprecatedField: DocRule = {
  code: 'deprecated-field',
  severity: 'info',
  description: 'A field the Kubernetes API documents as deprecated (e.g. serviceAccount, in-tree volume plugins): it may stop working or be ignored.',
  kinds: KNOWN_KINDS,
  check(r, ctx) {
    const kind = validatedKind(r);
    if (!kind) return;
    walk(r, ctx, r.root, typeAt(kind, []));
  },
};

function walk(r: Resource, ctx: RuleContext, n: unknown, t: TypeSpec | undefined): void {
  if (!t) return;
  if (isSeq(n)) {
    if (t.type === 'array') for (const it of n.items) walk(r, ctx, it, t.items);
    return;
  }
  if (!isMap(n)) return;
  if (t.type === 'map') {
    if (t.values && (t.values.type === 'object' || t.values.type === 'array')) for (const it of n.items) walk(r, ctx, (it as Pair).value, t.values);
    return;
  }
  const owner = t.type === 'object' ? t.ref : undefined;
  const d = definition(owner);
  if (!owner || !d) return;
  for (const it of n.items) {
    const k = keyText(it as Pair);
    if (k === undefined || !Object.prototype.hasOwnProperty.call(d.properties, k)) continue;
    const ft = d.properties[k];
    const note = deprecation(owner, k, ft);
    if (note && (it as Pair).value != null) report(r, ctx, n, it as Pair, owner, k, note);
    if (ft.type === 'object' || ft.type === 'array' || ft.type === 'map') walk(r, ctx, (it as Pair).value, ft);
  }
}

function report(r: Resource, ctx: RuleContext, map: YAMLMap, pair: Pair, owner: string, field: string, note: string): void {
  const to = RENAMES[`${owner}.${field}`];
  const fixes: Fix[] = [];
  const span = ctx.span(r, pair.key);
  // Renaming onto a field that is already set would create a duplicate key.
  if (to && span && !findPair(map, to)) fixes.push({ title: `Rename to ${to}`, edits: [{ uri: r.uri, ...span, newText: to }], isPreferred: true });
  ctx.report(r, { node: pair.key, message: `"${field}" is deprecated: ${note}`, fixes, tags: ['deprecated'] });
}
