// The apiVersion a known kind is served under: StatefulSet is apps/v1 (apps/v1beta1 and v1beta2 are no longer served), the rest v1.
import { KNOWN_KINDS } from '../model';
import { findPair } from '../nodes';
import type { DocRule } from '../rule';
import { apiVersionOf } from '../schema/index';

const REMOVED: Record<string, string> = {
  'apps/v1beta1': 'removed in Kubernetes 1.16',
  'apps/v1beta2': 'removed in Kubernetes 1.16',
  'extensions/v1beta1': 'removed in Kubernetes 1.16',
};

export const apiVersion: DocRule = {
  code: 'api-version',
  severity: 'error',
  description: 'The apiVersion does not serve this kind (e.g. StatefulSet under apps/v1beta2 or v1): the API server has no such resource.',
  kinds: KNOWN_KINDS,
  check(r, ctx) {
    const expected = r.kind && apiVersionOf(r.kind);
    if (!expected) return;
    const written = r.value?.apiVersion;
    if (written === expected || written === null || written === undefined) return;
    const pair = findPair(r.root, 'apiVersion');
    if (!pair) return;
    // Another API group with a dot in its name serves its own kind of the same name (a CRD): not ours.
    if (typeof written === 'string' && /^[^/]*\.[^/]*\//.test(written)) return;
    const removed = typeof written === 'string' ? REMOVED[written] : undefined;
    const message = removed
      ? `${r.kind} ${written} is no longer served (${removed}): use ${expected}.`
      : `${r.kind} is served as ${expected}, not ${JSON.stringify(written)}: kubectl reports "no matches for kind".`;
    const span = ctx.span(r, pair.value);
    ctx.report(r, {
      node: pair.value,
      path: ['apiVersion'],
      message,
      fixes: span ? [{ title: `Change apiVersion to ${expected}`, edits: [{ uri: r.uri, ...span, newText: expected }], isPreferred: true }] : [],
    });
  },
};
