// Label keys (optional DNS-subdomain prefix + '/' + name <= 63) and values (<= 63, alphanumeric ends) on every label map.
import { getPairIn, nodeRange, type PathSeg } from '../nodes';
import { isObj, labelMapsOf, isCoreApi } from '../k8s/pod';
import { labelKeyErrors, labelValueErrors } from '../k8s/validation';
import type { DocRule } from '../rule';

export const labelInvalid: DocRule = {
  code: 'label-invalid',
  severity: 'error',
  description: 'A label key or value (metadata, pod template, claim templates, selectors) has invalid syntax.',
  kinds: ['StatefulSet', 'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'ConfigMap'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const maps = labelMapsOf(r);
    if (r.kind === 'StatefulSet' && isObj(r.value?.spec?.selector?.matchLabels)) maps.push({ labels: r.value!.spec.selector.matchLabels, path: ['spec', 'selector', 'matchLabels'] });
    if (r.kind === 'Service' && isObj(r.value?.spec?.selector)) maps.push({ labels: r.value!.spec.selector, path: ['spec', 'selector'] });
    for (const { labels, path } of maps) {
      for (const [k, v] of Object.entries(labels)) {
        const at: PathSeg[] = [...path, k];
        const ke = labelKeyErrors(k);
        if (ke.length) {
          const p = getPairIn(r.root, at);
          ctx.report(r, { node: nodeRange(p?.key) ? p!.key : undefined, path: at, message: `label key '${k}' is invalid: ${ke.join('; ')}.` });
        }
        // Non-string values are the schema's invalid-type finding.
        if (typeof v === 'string') {
          const ve = labelValueErrors(v);
          if (ve.length) ctx.report(r, { path: at, message: `label value '${v}' of '${k}' is invalid: ${ve.join('; ')}.` });
        }
      }
    }
  },
};
