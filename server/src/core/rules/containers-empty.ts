// A pod template needs at least one (regular) container; an empty list is rejected.
import { isCoreApi, templateContext } from '../k8s/pod';
import type { DocRule } from '../rule';

export const containersEmpty: DocRule = {
  code: 'containers-empty',
  severity: 'error',
  description: 'spec.template.spec.containers must not be empty.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    const c = r.value?.spec?.template?.spec?.containers;
    // A missing list is the schema's missing-required finding.
    if (Array.isArray(c) && c.length === 0) ctx.report(r, { path: ['spec', 'template', 'spec', 'containers'], message: 'containers must not be empty: a pod needs at least one container.' });
  },
};
