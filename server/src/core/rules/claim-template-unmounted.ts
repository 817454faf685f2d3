// A claim template no container mounts still creates (and keeps) a PVC per pod that nothing uses.
import { addToList } from '../k8s/edit';
import { arr, claimTemplateNames, containersOf, firstIndexWith, type ContainerRef, isPatch, isCoreApi, MOUNT_LISTS } from '../k8s/pod';
import type { DocRule } from '../rule';

/** Whether a container mounts (or attaches as a device) the volume `name`. */
function mounted(containers: readonly ContainerRef[], name: string): boolean {
  for (const ref of containers) for (const f of MOUNT_LISTS) if (firstIndexWith(arr(ref.c[f]), 'name', name) >= 0) return true;
  return false;
}

export const claimTemplateUnmounted: DocRule = {
  code: 'claim-template-unmounted',
  severity: 'warning',
  description: 'A volumeClaimTemplate is not mounted by any container.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    if (isPatch(r)) return;
    const containers = containersOf(r);
    for (const { name, index } of claimTemplateNames(r)) {
      if (name === '' || mounted(containers, name)) continue;
      const first = containers.find((c) => c.list === 'containers');
      const edit = first ? addToList(r, first.path, 'volumeMounts', [`name: ${name}`, `mountPath: /data/${name}`]) : undefined;
      ctx.report(r, {
        path: ['spec', 'volumeClaimTemplates', index, 'metadata', 'name'],
        message: `volumeClaimTemplate '${name}' is not mounted by any container: each pod still gets a PVC ${name}-${r.name ?? '<set>'}-<ordinal> that nothing uses.`,
        fixes: edit ? [{ title: `Mount '${name}' at /data/${name} in container '${first!.c.name}'`, edits: [edit] }] : undefined,
      });
    }
  },
};
