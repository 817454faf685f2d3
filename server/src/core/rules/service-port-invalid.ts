// Service port numbers are 1-65535; a numeric targetPort too, a named one an IANA_SVC_NAME.
import { arr, isObj, isCoreApi } from '../k8s/pod';
import { ianaSvcNameErrors, isDigits } from '../k8s/validation';
import type { DocRule } from '../rule';

export const servicePortInvalid: DocRule = {
  code: 'service-port-invalid',
  severity: 'error',
  description: 'Service port / targetPort out of range, or a targetPort name that cannot be a container port name.',
  kinds: ['Service'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const ports = arr(r.value?.spec?.ports);
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i];
      if (!isObj(p)) continue;
      if (typeof p.port === 'number' && (p.port < 1 || p.port > 65535)) ctx.report(r, { path: ['spec', 'ports', i, 'port'], message: `port ${p.port} must be between 1 and 65535.` });
      const t = p.targetPort;
      if (typeof t === 'number' && (t < 1 || t > 65535)) ctx.report(r, { path: ['spec', 'ports', i, 'targetPort'], message: `targetPort ${t} must be between 1 and 65535.` });
      if (typeof t === 'string' && t !== '') {
        const errs = isDigits(t) ? ['a numeric targetPort must not be quoted'] : ianaSvcNameErrors(t);
        if (errs.length) ctx.report(r, { path: ['spec', 'ports', i, 'targetPort'], message: `targetPort '${t}' is not a valid container port name: ${errs.join('; ')}.` });
      }
      if (typeof p.nodePort === 'number' && p.nodePort !== 0 && (p.nodePort < 1 || p.nodePort > 65535)) ctx.report(r, { path: ['spec', 'ports', i, 'nodePort'], message: `nodePort ${p.nodePort} must be between 1 and 65535.` });
    }
  },
};
