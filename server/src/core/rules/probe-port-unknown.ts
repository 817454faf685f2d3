// A probe naming a port (httpGet.port / tcpSocket.port as a string) that its container does not declare never succeeds.
import { arr, containersOf, firstIndexWith, isObj, isCoreApi, POD_KINDS } from '../k8s/pod';
import { isDigits } from '../k8s/validation';
import type { DocRule } from '../rule';
import { PROBES } from './probe-handler';

const NAMED_PORT_HANDLERS = ['httpGet', 'tcpSocket'];

export const probePortUnknown: DocRule = {
  code: 'probe-port-unknown',
  severity: 'warning',
  description: 'A probe names a port that its container does not declare.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    for (const ref of containersOf(r)) {
      for (const p of PROBES) {
        const probe = ref.c[p];
        if (!isObj(probe)) continue;
        for (const h of NAMED_PORT_HANDLERS) {
          const port = probe[h]?.port;
          if (typeof port !== 'string' || port === '' || isDigits(port) || firstIndexWith(arr(ref.c.ports), 'name', port) >= 0) continue;
          const names = new Set(arr(ref.c.ports).map((p) => p?.name).filter((n) => typeof n === 'string'));
          ctx.report(r, {
            path: [...ref.path, p, h, 'port'],
            message: `${p} uses port '${port}' but container '${ref.c.name}' declares no port with that name${names.size ? ` (has ${[...names].join(', ')})` : ''}: the probe fails.`,
          });
        }
      }
    }
  },
};
