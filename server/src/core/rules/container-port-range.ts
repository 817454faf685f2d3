// containerPort must be 1-65535; hostPort, when set, too.
import { arr, containersOf, isObj, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

export const containerPortRange: DocRule = {
  code: 'container-port-range',
  severity: 'error',
  description: 'containerPort / hostPort must be between 1 and 65535.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      const ports = arr(ref.c.ports);
      for (let i = 0; i < ports.length; i++) {
        const p = ports[i];
        if (!isObj(p)) continue;
        if (typeof p.containerPort === 'number' && (p.containerPort < 1 || p.containerPort > 65535)) {
          ctx.report(r, { path: [...ref.path, 'ports', i, 'containerPort'], message: `containerPort ${p.containerPort} must be between 1 and 65535.` });
        }
        if (typeof p.hostPort === 'number' && p.hostPort !== 0 && (p.hostPort < 1 || p.hostPort > 65535)) {
          ctx.report(r, { path: [...ref.path, 'ports', i, 'hostPort'], message: `hostPort ${p.hostPort} must be between 1 and 65535.` });
        }
      }
    }
  },
};
