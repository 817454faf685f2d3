// Label keys (optional DNS-subdomain prefix + '/' + name <= 63) and values (<= 63, alphanumeric ends) on every label map.
import type { Resource } from '../model';
import { getPairIn, nodeRange, type PathSeg } from '../nodes';
import { arr, isObj, isCoreApi, MATCH_LABELS_PATH, TEMPLATE_LABELS_PATH } from '../k8s/pod';
import { isLabelKey, isLabelValue, labelKeyErrors, labelValueErrors } from '../k8s/validation';
import type { DocRule, RuleContext } from '../rule';

const LABELS_PATH: readonly PathSeg[] = ['metadata', 'labels'];
const SERVICE_SELECTOR_PATH: readonly PathSeg[] = ['spec', 'selector'];

export const labelInvalid: DocRule = {
  code: 'label-invalid',
  severity: 'error',
  description: 'A label key or value (metadata, pod template, claim templates, selectors) has invalid syntax.',
  kinds: ['StatefulSet', 'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'ConfigMap'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const v = r.value;
    // The object's own labels, the pod template's, the claim templates', then the selector.
    checkLabels(r, ctx, v?.metadata?.labels, LABELS_PATH);
    if (r.kind === 'StatefulSet') {
      checkLabels(r, ctx, v?.spec?.template?.metadata?.labels, TEMPLATE_LABELS_PATH);
      const claims = arr(v?.spec?.volumeClaimTemplates);
      for (let i = 0; i < claims.length; i++) {
        const labels = claims[i]?.metadata?.labels;
        if (isObj(labels)) checkLabels(r, ctx, labels, ['spec', 'volumeClaimTemplates', i, 'metadata', 'labels']);
      }
      checkLabels(r, ctx, v?.spec?.selector?.matchLabels, MATCH_LABELS_PATH);
    }
    if (r.kind === 'Service') checkLabels(r, ctx, v?.spec?.selector, SERVICE_SELECTOR_PATH);
  },
};

/** Checks a label map (anything else is not one); paths and messages are built only for a label that is wrong. */
function checkLabels(r: Resource, ctx: RuleContext, labels: unknown, path: readonly PathSeg[]): void {
  if (!isObj(labels)) return;
  for (const k of Object.keys(labels)) {
    const v = labels[k];
    if (!isLabelKey(k)) {
      const at: PathSeg[] = [...path, k];
      const p = getPairIn(r.root, at);
      ctx.report(r, { node: nodeRange(p?.key) ? p!.key : undefined, path: at, message: `label key '${k}' is invalid: ${labelKeyErrors(k).join('; ')}.` });
    }
    // Non-string values are the schema's invalid-type finding.
    if (typeof v === 'string' && !isLabelValue(v)) ctx.report(r, { path: [...path, k], message: `label value '${v}' of '${k}' is invalid: ${labelValueErrors(v).join('; ')}.` });
  }
}
