// A Kubernetes object without apiVersion or kind (often a typo such as `apiVerison`): kubectl refuses it ("apiVersion not set").
import { isScalar, type Pair } from 'yaml';
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
    // Both set (read from the value: the tree is needed only to report).
    if (!r.value || (isSet(r.value.apiVersion) && isSet(r.value.kind)) || !r.root) return;
    const apiPair = findPair(r.root, 'apiVersion');
    const kindPair = findPair(r.root, 'kind');
    if (apiPair && kindPair && !isEmpty(apiPair) && !isEmpty(kindPair)) return;
    const expected = r.kind ? apiVersionOf(r.kind) : undefined;
    if (expected && apiPair && isEmpty(apiPair)) {
      reportEmpty(r, ctx, apiPair, expected, `apiVersion is empty: kubectl rejects the document ("apiVersion not set"); ${r.kind} needs apiVersion: ${expected}.`);
    } else if (expected && !apiPair) {
      report(r, ctx, 'apiVersion', expected, `apiVersion is not set: kubectl rejects the document ("apiVersion not set"); ${r.kind} needs apiVersion: ${expected}.`);
    }
    const api = r.value.apiVersion;
    const ours = typeof api === 'string' && knownKinds().some((k) => k.apiVersion === api);
    if (kindPair && isEmpty(kindPair) && (ours || r.value.metadata !== undefined)) {
      reportEmpty(r, ctx, kindPair, undefined, 'kind is empty: kubectl rejects the document ("kind not set").');
    } else if (!kindPair) {
      const typo = typoKey(r, 'kind');
      // Other YAML (kustomization files, Helm values) has no kind either: speak only when this is clearly an object.
      if (typo || (ours && r.value.metadata !== undefined)) {
        report(r, ctx, 'kind', undefined, 'kind is not set: kubectl rejects the document ("kind not set").');
      }
    }
  },
};

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

function isEmpty(p: Pair): boolean {
  const v = p.value as unknown;
  if (v === null || v === undefined) return true;
  return isScalar(v) && (v.value === null || v.value === '');
}

/** `apiVersion:` with no value: point at the key; offer the value when it is known. */
function reportEmpty(r: Resource, ctx: RuleContext, pair: Pair, value: string | undefined, message: string): void {
  const fixes: Fix[] = [];
  const key = ctx.span(r, pair.key);
  const val = ctx.span(r, pair.value);
  if (value && key) {
    if (val && val.end > val.start) fixes.push({ title: `Set apiVersion: ${value}`, edits: [{ uri: r.uri, ...val, newText: value }], isPreferred: true });
    else {
      const colon = r.doc.text.indexOf(':', key.end - r.doc.offset);
      if (colon >= 0) fixes.push({ title: `Set apiVersion: ${value}`, edits: [{ uri: r.uri, start: r.doc.offset + colon + 1, end: r.doc.offset + colon + 1, newText: ` ${value}` }], isPreferred: true });
    }
  }
  ctx.report(r, { node: pair.key, message, fixes });
}

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
