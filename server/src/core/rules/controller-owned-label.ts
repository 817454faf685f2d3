// The StatefulSet controller sets pod-name, pod-index and controller-revision-hash labels itself, overwriting template values.
import { isObj, isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

const OWNED = ['statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'controller-revision-hash'];

export const controllerOwnedLabel: DocRule = {
  code: 'controller-owned-label',
  severity: 'warning',
  description: 'Selector or template labels use a key the StatefulSet controller sets per pod.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const places: [unknown, (string | number)[]][] = [
      [r.value?.spec?.selector?.matchLabels, ['spec', 'selector', 'matchLabels']],
      [r.value?.spec?.template?.metadata?.labels, ['spec', 'template', 'metadata', 'labels']],
    ];
    for (const [m, path] of places) {
      if (!isObj(m)) continue;
      for (const k of Object.keys(m)) {
        if (OWNED.includes(k)) ctx.report(r, { path: [...path, k], message: `'${k}' is set by the StatefulSet controller on each pod (different per pod or revision): a fixed value here is overwritten and a selector on it stops matching.` });
      }
    }
    const exprs = r.value?.spec?.selector?.matchExpressions;
    if (Array.isArray(exprs)) exprs.forEach((e, i) => {
      if (OWNED.includes(e?.key)) ctx.report(r, { path: ['spec', 'selector', 'matchExpressions', i, 'key'], message: `'${e.key}' is set by the StatefulSet controller per pod: selecting on it is fragile.` });
    });
  },
};
