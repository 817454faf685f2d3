// StatefulSet pods must restart forever: the API server only accepts template restartPolicy Always.
import { isCoreApi } from '../k8s/pod';
import { replaceAt } from '../k8s/edit';
import type { DocRule } from '../rule';

export const templateRestartPolicy: DocRule = {
  code: 'template-restart-policy',
  severity: 'error',
  description: "spec.template.spec.restartPolicy must be 'Always' for a StatefulSet.",
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const v = r.value?.spec?.template?.spec?.restartPolicy;
    if (v !== 'OnFailure' && v !== 'Never') return; // other values are the schema's enum finding
    const path = ['spec', 'template', 'spec', 'restartPolicy'];
    const e = replaceAt(r, path, 'Always');
    ctx.report(r, { path, message: `restartPolicy '${v}' is not allowed in a StatefulSet pod template: only 'Always' is supported.`, fixes: e ? [{ title: 'Change to Always', edits: [e], isPreferred: true }] : undefined });
  },
};
