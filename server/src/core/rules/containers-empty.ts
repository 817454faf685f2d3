// A pod template needs at least one (regular) container; an empty list is rejected.
import { isCoreApi, podSpecOf, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

export const containersEmpty: DocRule = {
  code: 'containers-empty',
  severity: 'error',
  description: 'The pod\'s containers list (spec.template.spec.containers, or spec.containers of a Pod) must not be empty.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    const ps = podSpecOf(r);
    const c = ps?.spec.containers;
    // A missing list is the schema's missing-required finding.
    if (ps && Array.isArray(c) && c.length === 0) ctx.report(r, { path: [...ps.path, 'containers'], message: 'containers must not be empty: a pod needs at least one container.' });
  },
};
