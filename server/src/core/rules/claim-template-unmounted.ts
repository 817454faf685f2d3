// A claim template no container mounts still creates (and keeps) a PVC per pod that nothing uses.
import { addToList } from '../k8s/edit';
import { arr, claimTemplateNames, containersOf, isPatch, isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const claimTemplateUnmounted: DocRule = {
  code: 'claim-template-unmounted',
  severity: 'warning',
  description: 'A volumeClaimTemplate is not mounted by any container.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    if (isPatch(r)) return;
    const used = new Set<string>();
    const containers = containersOf(r);
    for (const ref of containers) for (const f of ['volumeMounts', 'volumeDevices']) for (const m of arr(ref.c[f])) if (typeof m?.name === 'string') used.add(m.name);
    const first = containers.find((c) => c.list === 'containers');
    for (const { name, index } of claimTemplateNames(r)) {
      if (used.has(name) || name === '') continue;
      const edit = first ? addToList(r, first.path, 'volumeMounts', [`name: ${name}`, `mountPath: /data/${name}`]) : undefined;
      ctx.report(r, {
        path: ['spec', 'volumeClaimTemplates', index, 'metadata', 'name'],
        message: `volumeClaimTemplate '${name}' is not mounted by any container: each pod still gets a PVC ${name}-${r.name ?? '<set>'}-<ordinal> that nothing uses.`,
        fixes: edit ? [{ title: `Mount '${name}' at /data/${name} in container '${first!.c.name}'`, edits: [edit] }] : undefined,
      });
    }
  },
};
