// Required fields that are absent (spec.selector, spec.template, containers, container name, port numbers...).
import { KNOWN_KINDS, type Resource } from '../model';
import { isPair } from 'yaml';
import { asMap, getIn, getPairIn } from '../nodes';
import type { DocRule } from '../rule';
import { objectOf, typeAt } from '../schema/index';
import { suggest } from '../schema/suggest';
import { humanPath, schemaSubject } from '../schema/support';
import { validateDocument } from '../schema/validate';

export const missingRequired: DocRule = {
  code: 'missing-required',
  severity: 'error',
  description: 'A field the Kubernetes API requires is missing: the API server rejects the object.',
  kinds: KNOWN_KINDS,
  check(resource, ctx) {
    // After a syntax error: the document with its broken lines blanked (support.ts), where a field is missing
    // only if no blanked line could have been a key of its object.
    const subject = schemaSubject(resource, ctx.settings.limits);
    if (!subject) return;
    const { kind, r } = subject;
    if (isPatch(r)) return;
    const problems = validateDocument(kind, r.value!);
    for (const p of problems) {
      if (p.code !== 'missing-required') continue;
      if (subject.couldHoldKey(getIn(r.root, p.path))) continue;
      // `ContainerPort: 80` is the unknown-field finding, whose rename also supplies this field: say it once.
      const misspelt = problems.some((q) => q.code === 'unknown-field' && samePath(q.path, p.path) && suggest(q.key, [p.field]).names.length > 0);
      if (misspelt) continue;
      const owner = objectOf(typeAt(kind, p.path)) ?? 'this object';
      const where = p.path.length ? ` (${humanPath(p.path)})` : '';
      // Report on the parent's key; for a list item, on its first key (the item itself may span many lines).
      const last = p.path[p.path.length - 1];
      const node = typeof last === 'number' ? firstKey(getIn(r.root, p.path)) : getPairIn(r.root, p.path)?.key;
      ctx.report(r, { node, path: p.path, message: `Missing required field "${p.field}" in ${owner}${where}.` });
    }
  },
};

/**
 * A kustomize strategic-merge patch names a StatefulSet and carries only the fields it changes: no
 * selector, and no containers or containers without an image (merged by name into the base). Standalone
 * it would be rejected, but that is not how it is applied, so required fields are not demanded of it
 * (types, enums and unknown fields still are). A full manifest that only forgot its selector still has
 * containers with images, and is reported.
 */
function isPatch(r: Resource): boolean {
  if (r.kind !== 'StatefulSet') return false;
  const spec = r.value?.spec;
  if (!spec || typeof spec !== 'object') return true;
  if (spec.selector !== undefined) return false;
  const containers: unknown = spec.template?.spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) return true;
  return containers.some((c) => !c || typeof c !== 'object' || (c as { image?: unknown }).image === undefined);
}

function samePath(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function firstKey(n: unknown): unknown {
  const m = asMap(n);
  const p = m?.items.find((it) => isPair(it));
  return p ? (p as { key: unknown }).key : undefined;
}
