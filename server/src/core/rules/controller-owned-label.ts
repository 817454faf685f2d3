// The StatefulSet controller sets pod-name, pod-index and controller-revision-hash labels itself, overwriting template values.
import type { Resource } from '../model';
import type { PathSeg } from '../nodes';
import { arr, isObj, isCoreApi, MATCH_LABELS_PATH, TEMPLATE_LABELS_PATH } from '../k8s/pod';
import type { DocRule, RuleContext } from '../rule';

const OWNED = ['statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'controller-revision-hash'];

export const controllerOwnedLabel: DocRule = {
  code: 'controller-owned-label',
  severity: 'warning',
  description: 'Selector or template labels use a key the StatefulSet controller sets per pod.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    checkLabels(r, ctx, r.value?.spec?.selector?.matchLabels, MATCH_LABELS_PATH);
    checkLabels(r, ctx, r.value?.spec?.template?.metadata?.labels, TEMPLATE_LABELS_PATH);
    const exprs = arr(r.value?.spec?.selector?.matchExpressions);
    for (let i = 0; i < exprs.length; i++) {
      const e = exprs[i];
      if (OWNED.includes(e?.key)) ctx.report(r, { path: ['spec', 'selector', 'matchExpressions', i, 'key'], message: `'${e.key}' is set by the StatefulSet controller per pod: selecting on it is fragile.` });
    }
  },
};

/** Reports the controller-owned keys of a label map (anything else is not one). */
function checkLabels(r: Resource, ctx: RuleContext, labels: unknown, path: readonly PathSeg[]): void {
  if (!isObj(labels)) return;
  for (const k of Object.keys(labels)) {
    if (OWNED.includes(k)) ctx.report(r, { path: [...path, k], message: `'${k}' is set by the StatefulSet controller on each pod (different per pod or revision): a fixed value here is overwritten and a selector on it stops matching.` });
  }
}
