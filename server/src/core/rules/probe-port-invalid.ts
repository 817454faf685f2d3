// Probe ports are 1-65535 or, for httpGet / tcpSocket, a container port name (IANA_SVC_NAME); others are rejected.
import { containersOf, isCoreApi, isObj, templateContext, POD_KINDS } from '../k8s/pod';
import { ianaSvcNameErrors, isDigits, isIanaSvcName } from '../k8s/validation';
import { PROBES } from './probe-handler';
import type { DocRule } from '../rule';

const PORT_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'];

export const probePortInvalid: DocRule = {
  code: 'probe-port-invalid',
  severity: 'error',
  description: 'A probe port is out of range or not a valid port name.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      for (const p of PROBES) {
        const probe = ref.c[p];
        if (!isObj(probe)) continue;
        for (const h of PORT_HANDLERS) {
          const port = probe[h]?.port;
          if (typeof port === 'number') {
            if (port < 1 || port > 65535) ctx.report(r, { path: [...ref.path, p, h, 'port'], message: `${p}.${h}.port ${port} must be between 1 and 65535.` });
          } else if (typeof port === 'string' && h !== 'grpc') {
            const quoted = isDigits(port);
            if (!quoted && isIanaSvcName(port)) continue;
            const errs = quoted ? ['a port number must not be quoted'] : ianaSvcNameErrors(port);
            ctx.report(r, { path: [...ref.path, p, h, 'port'], message: `${p}.${h}.port '${port}' is not a valid port name: ${errs.join('; ')}.` });
          }
        }
      }
    }
  },
};
