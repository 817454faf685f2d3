// activeDeadlineSeconds would kill long-running StatefulSet pods, so the API server forbids it in the template.
import { isCoreApi } from '../k8s/pod';
import { deleteKey } from '../k8s/edit';
import type { DocRule } from '../rule';

export const templateActiveDeadline: DocRule = {
  code: 'template-active-deadline',
  severity: 'error',
  description: 'spec.template.spec.activeDeadlineSeconds is forbidden in a StatefulSet.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const ps = r.value?.spec?.template?.spec;
    if (!ps || typeof ps !== 'object' || ps.activeDeadlineSeconds == null) return;
    const path = ['spec', 'template', 'spec', 'activeDeadlineSeconds'];
    const e = deleteKey(r, path);
    ctx.report(r, { path, message: 'activeDeadlineSeconds is forbidden in a StatefulSet pod template (pods are meant to run forever).', fixes: e ? [{ title: 'Remove activeDeadlineSeconds', edits: [e], isPreferred: true }] : undefined });
  },
};
