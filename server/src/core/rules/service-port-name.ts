// Service port names: DNS-1123 labels (<= 63, not the 15-char container rule), required with > 1 port, unique.
import { arr, firstIndexWith, isObj, isCoreApi } from '../k8s/pod';
import { dns1123LabelErrors, isDns1123Label } from '../k8s/validation';
import type { DocRule } from '../rule';

export const servicePortName: DocRule = {
  code: 'service-port-name',
  severity: 'error',
  description: 'Service port names must be DNS-1123 labels, unique, and set when there is more than one port.',
  kinds: ['Service'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const ports = arr(r.value?.spec?.ports);
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i];
      if (!isObj(p)) continue;
      const name = p.name;
      if (name == null || name === '') {
        if (ports.length > 1) ctx.report(r, { path: ['spec', 'ports', i], message: `port ${p.port ?? i} needs a name: names are required when a Service has more than one port.` });
        continue;
      }
      if (typeof name !== 'string') continue;
      if (!isDns1123Label(name)) ctx.report(r, { path: ['spec', 'ports', i, 'name'], message: `port name '${name}' must be a DNS-1123 label: ${dns1123LabelErrors(name).join('; ')}.` });
      const first = firstIndexWith(ports, 'name', name, i);
      if (first >= 0) ctx.report(r, { path: ['spec', 'ports', i, 'name'], message: `port name '${name}' is used twice (also ports[${first}]).` });
    }
  },
};
