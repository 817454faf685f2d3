// Two Service ports with the same port number and protocol are rejected ("duplicate value").
import { arr, isObj, isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const servicePortDuplicate: DocRule = {
  code: 'service-port-duplicate',
  severity: 'error',
  description: 'Two Service ports share the same (protocol, port).',
  kinds: ['Service'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const ports = arr(r.value?.spec?.ports);
    if (ports.length < 2) return; // one port (the usual case) has no duplicate: no map for it
    const seen = new Map<string, number>();
    ports.forEach((p, i) => {
      if (!isObj(p) || typeof p.port !== 'number') return;
      const proto = typeof p.protocol === 'string' ? p.protocol : 'TCP';
      const key = `${proto}/${p.port}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else ctx.report(r, { path: ['spec', 'ports', i, 'port'], message: `port ${p.port}/${proto} is declared twice (also ports[${first}]).` });
    });
  },
};
