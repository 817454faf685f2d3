// clusterIP is "", "None" (exactly: headless) or an IP address; anything else ("none", "headless") is rejected.
import { isCoreApi } from '../k8s/pod';
import { isIP } from '../k8s/validation';
import { replaceAt } from '../k8s/edit';
import type { DocRule } from '../rule';

export const serviceClusterIpInvalid: DocRule = {
  code: 'service-cluster-ip-invalid',
  severity: 'error',
  description: "spec.clusterIP must be 'None' (exactly, for a headless Service), empty, or an IP address.",
  kinds: ['Service'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const v = r.value?.spec?.clusterIP;
    if (typeof v !== 'string' || v === '' || v === 'None' || isIP(v))  return;
    const path = ['spec', 'clusterIP'];
    const headless = /^(none|headless)$/i.test(v.trim());
    const e = headless ? replaceAt(r, path, 'None') : undefined;
    ctx.report(r, {
      path,
      message: headless
        ? `clusterIP '${v}' is not a valid IP: a headless Service needs exactly 'None' (capital N).`
        : `clusterIP '${v}' must be 'None', empty, or a valid IP address.`,
      fixes: e ? [{ title: "Change to 'None'", edits: [e], isPreferred: true }] : undefined,
    });
  },
};
