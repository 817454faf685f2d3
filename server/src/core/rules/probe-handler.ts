// A probe needs exactly one handler: exec, httpGet, tcpSocket or grpc.
import { at } from '../k8s/where';
import { containersOf, countSet, isObj, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
export const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

export const probeHandler: DocRule = {
  code: 'probe-handler',
  severity: 'error',
  description: 'A probe has no handler or more than one (exec, httpGet, tcpSocket, grpc).',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      for (const p of PROBES) {
        const probe = ref.c[p];
        if (!isObj(probe)) continue;
        if (countSet(probe, HANDLERS) === 1) continue; // the usual case: no list, path or message
        const found = HANDLERS.filter((h) => probe[h] != null);
        const path = [...ref.path, p];
        if (found.length === 0) ctx.report(r, { ...at(r, path), message: `${p} of container '${ref.c.name}' must specify a handler: exec, httpGet, tcpSocket or grpc.` });
        for (const h of found.slice(1)) ctx.report(r, { ...at(r, [...path, h]), message: `${p} may specify only one handler (already has '${found[0]}').` });
      }
    }
  },
};
