// Env fieldRef / resourceFieldRef may only name the fields the downward API supports for env vars.
import { arr, containersOf, isObj, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

const FIELDS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const SUBSCRIPT = /^metadata\.(labels|annotations)\['[^']+'\]$/;
const RESOURCES = /^(limits|requests)\.(cpu|memory|ephemeral-storage|hugepages-[^\s]+)$/;

export const envFieldPathInvalid: DocRule = {
  code: 'env-field-path-invalid',
  severity: 'error',
  description: 'An env fieldRef.fieldPath or resourceFieldRef.resource is not supported for env vars.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      const env = arr(ref.c.env);
      for (let i = 0; i < env.length; i++) {
        const e = env[i];
        const vf = isObj(e) ? e.valueFrom : undefined;
        if (!isObj(vf)) continue;
        const fp = vf.fieldRef?.fieldPath;
        if (typeof fp === 'string' && !FIELDS.includes(fp) && !SUBSCRIPT.test(fp)) {
          const hint = fp === 'metadata.labels' || fp === 'metadata.annotations' ? ` (env vars need one key: ${fp}['key'])` : '';
          ctx.report(r, { path: [...ref.path, 'env', i, 'valueFrom', 'fieldRef', 'fieldPath'], message: `fieldPath '${fp}' is not supported for env vars${hint}: use one of ${FIELDS.join(', ')}, metadata.labels['<key>'], metadata.annotations['<key>'].` });
        }
        const res = vf.resourceFieldRef?.resource;
        if (typeof res === 'string' && !RESOURCES.test(res)) {
          ctx.report(r, { path: [...ref.path, 'env', i, 'valueFrom', 'resourceFieldRef', 'resource'], message: `resource '${res}' is not supported: use limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage or hugepages.` });
        }
      }
    }
  },
};
