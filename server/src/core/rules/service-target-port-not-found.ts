// A named targetPort must be a container port name of the pods the Service selects, or traffic goes nowhere.
import { namedPorts, selectedBy } from '../crossref';
import { namespaceOf } from '../model';
import { isObj } from '../names';
import { isDigits } from '../k8s/validation';
import { getIn, nodeRange } from '../nodes';
import type { WorkspaceRule } from '../rule';
import type { Fix } from '../types';

/** A Service port whose targetPort is a name (not a number, nor a number written as a string). */
const named = (p: unknown): boolean => isObj(p) && typeof p.targetPort === 'string' && !isDigits(p.targetPort);

export const serviceTargetPortNotFound: WorkspaceRule = {
  code: 'service-target-port-not-found',
  severity: 'warning',
  description: 'A Service port\'s named targetPort is not a container port name of the pods it selects: connections to it fail.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    for (const svc of ctx.resources) {
      if (svc.kind !== 'Service' || !isObj(svc.value?.spec)) continue;
      const spec = svc.value!.spec;
      if (!isObj(spec.selector) || !Array.isArray(spec.ports)) continue;
      if (!spec.ports.some(named)) continue; // most Services: nothing to look up
      const ns = namespaceOf(svc, dflt);
      const selected = selectedBy(ctx.index, ns, dflt, spec.selector);
      if (!selected.length) continue;
      const portsPer = selected.map((x) => namedPorts(x.t));
      spec.ports.forEach((p: unknown, i: number) => {
        if (!named(p)) return;
        const name = (p as { targetPort: string }).targetPort;
        if (portsPer.some((m) => m.has(name))) return;
        const known = [...new Set(portsPer.flatMap((m) => [...m.keys()]))];
        const node = getIn(svc.root, ['spec', 'ports', i, 'targetPort']);
        const rg = nodeRange(node);
        const fixes: Fix[] = rg
          ? known.slice(0, 5).map((k) => ({ title: `Use container port '${k}'`, edits: [{ uri: svc.uri, start: svc.doc.offset + rg[0], end: svc.doc.offset + rg[1], newText: k }], ...(known.length === 1 ? { isPreferred: true } : {}) }))
          : [];
        const who = selected.slice(0, 3).map((x) => `${x.w.kind} '${x.w.name}'`).join(', ');
        ctx.report(svc, {
          path: ['spec', 'ports', i, 'targetPort'],
          message: `targetPort '${name}' is not a container port name of the selected pods (${who}); ${known.length ? `their named ports: ${known.join(', ')}` : 'they have no named ports'}.`,
          fixes,
        });
      });
    }
  },
};
