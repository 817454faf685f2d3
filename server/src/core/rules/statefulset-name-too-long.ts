// Pods carry controller-revision-hash=<name>-<hash> (hash up to 10 chars); a label value over 63 chars makes pod creation fail.
import { isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const statefulsetNameTooLong: DocRule = {
  code: 'statefulset-name-too-long',
  severity: 'warning',
  description: 'StatefulSet names over 52 characters can make the controller-revision-hash label too long.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const name = r.value?.metadata?.name;
    if (typeof name !== 'string' || name.length <= 52 || name.length > 63) return;
    ctx.report(r, {
      path: ['metadata', 'name'],
      message: `StatefulSet name has ${name.length} characters: the pod label controller-revision-hash=${name}-<hash> (hash up to 10 characters) can exceed 63 characters and then pod creation fails. Keep it at 52 or fewer.`,
    });
  },
};
