// A Kubernetes object without apiVersion or kind (often a typo such as `apiVerison`): kubectl refuses it ("apiVersion not set").
import type { Pair } from 'yaml';
import type { Resource } from '../model';
import { findPair, keyText } from '../nodes';
import type { DocRule, RuleContext } from '../rule';
import { apiVersionOf, knownKinds } from '../schema/index';
import { editDistance } from '../schema/suggest';
import type { Fix } from '../types';

export const missingKindOrApiVersion: DocRule = {
  code: 'missing-kind-or-api-version',
  severity: 'error',
  description: 'The document has no apiVersion or no kind (often a misspelt key): kubectl rejects it.',
  kinds: '*',
  check(r, ctx) {
    if (!r.root || !r.value) return;
    const hasApi = findPair(r.root, 'apiVersion') !== undefined;
    const hasKind = findPair(r.root, 'kind') !== undefined;
    if (hasApi && hasKind) return;
    if (!hasApi && r.kind && apiVersionOf(r.kind)) {
      report(r, ctx, 'apiVersion', apiVersionOf(r.kind)!, `apiVersion is not set: kubectl rejects the document ("apiVersion not set"); ${r.kind} needs apiVersion: ${apiVersionOf(r.kind)}.`);
    }
    if (!hasKind) {
      const typo = typoKey(r, 'kind');
      const api = r.value.apiVersion;
      const ours = typeof api === 'string' && knownKinds().some((k) => k.apiVersion === api);
      // Other YAML (kustomization files, Helm values) has no kind either: speak only when this is clearly an object.
      if (typo || (ours && r.value.metadata !== undefined)) {
        report(r, ctx, 'kind', undefined, 'kind is not set: kubectl rejects the document ("kind not set").');
      }
    }
  },
};

/** A top-level key that is `want` misspelt (wrong case or one or two edits away). */
function typoKey(r: Resource, want: string): Pair | undefined {
  for (const it of r.root!.items) {
    const k = keyText(it as Pair);
    if (k === undefined || k === want) continue;
    if (k.toLowerCase() === want.toLowerCase() || editDistance(k.toLowerCase(), want.toLowerCase(), 2) <= (want.length <= 4 ? 1 : 2)) return it as Pair;
  }
  return undefined;
}

function report(r: Resource, ctx: RuleContext, field: string, value: string | undefined, message: string): void {
  const typo = typoKey(r, field);
  const fixes: Fix[] = [];
  if (typo) {
    const span = ctx.span(r, typo.key);
    if (span) fixes.push({ title: `Rename "${keyText(typo)}" to "${field}"`, edits: [{ uri: r.uri, ...span, newText: field }], isPreferred: true });
    ctx.report(r, { node: typo.key, message: `${message} "${keyText(typo)}" looks like a misspelling of "${field}".`, fixes });
    return;
  }
  // No typo to point at: report on the first key and offer to insert the field above it.
  const first = r.root!.items[0] as Pair | undefined;
  const span = first ? ctx.span(r, first.key) : undefined;
  if (span && value) {
    const lineStart = r.doc.text.lastIndexOf('\n', span.start - r.doc.offset - 1) + 1;
    const indent = ' '.repeat(span.start - r.doc.offset - lineStart);
    fixes.push({ title: `Add ${field}: ${value}`, edits: [{ uri: r.uri, start: span.start, end: span.start, newText: `${field}: ${value}\n${indent}` }], isPreferred: true });
  }
  ctx.report(r, { node: first?.key, message, fixes });
}
