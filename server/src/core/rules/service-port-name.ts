// Service port names: DNS-1123 labels (<= 63, not the 15-char container rule), required with > 1 port, unique.
import { arr, isObj, isCoreApi } from '../k8s/pod';
import { dns1123LabelErrors } from '../k8s/validation';
import type { DocRule } from '../rule';

export const servicePortName: DocRule = {
  code: 'service-port-name',
  severity: 'error',
  description: 'Service port names must be DNS-1123 labels, unique, and set when there is more than one port.',
  kinds: ['Service'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const ports = arr(r.value?.spec?.ports);
    const seen = new Map<string, number>();
    ports.forEach((p, i) => {
      if (!isObj(p)) return;
      const name = p.name;
      if (name == null || name === '') {
        if (ports.length > 1) ctx.report(r, { path: ['spec', 'ports', i], message: `port ${p.port ?? i} needs a name: names are required when a Service has more than one port.` });
        return;
      }
      if (typeof name !== 'string') return;
      const errs = dns1123LabelErrors(name);
      if (errs.length) ctx.report(r, { path: ['spec', 'ports', i, 'name'], message: `port name '${name}' must be a DNS-1123 label: ${errs.join('; ')}.` });
      const first = seen.get(name);
      if (first !== undefined) ctx.report(r, { path: ['spec', 'ports', i, 'name'], message: `port name '${name}' is used twice (also ports[${first}]).` });
      else seen.set(name, i);
    });
  },
};
