// Every volumeMount / volumeDevice must name a pod volume or a claim template, or the API server rejects the pod.
import { addToList } from '../k8s/edit';
import { arr, claimTemplateIndex, claimTemplateNames, containersOf, firstIndexWith, podSpecOf, isPatch, isCoreApi, templateContext, MOUNT_LISTS, POD_KINDS } from '../k8s/pod';
import { isDns1123Label } from '../k8s/validation';
import type { Fix } from '../types';
import type { DocRule } from '../rule';
import { suggest } from '../schema/suggest';

/** The declared volume closest to a misspelt mount name, if any is close. */
function nearest(name: string, names: string[]): string | undefined {
  return suggest(name, names).names[0];
}

export const volumeMountUnknown: DocRule = {
  code: 'volume-mount-unknown',
  severity: 'error',
  description: 'A volumeMount or volumeDevice names no pod volume and no volumeClaimTemplate.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    if (isPatch(r)) return;
    const ps = podSpecOf(r);
    if (!ps) return;
    const volumes = arr(ps.spec.volumes);
    const claims = claimTemplateNames(r);
    for (const ref of containersOf(r)) {
      for (const field of MOUNT_LISTS) {
        const mounts = arr(ref.c[field]);
        for (let i = 0; i < mounts.length; i++) {
          const name = mounts[i]?.name;
          if (typeof name !== 'string' || name === '') continue;
          // Scans of the short lists of volumes and claim templates, not a set of their names per document.
          if (firstIndexWith(volumes, 'name', name) >= 0 || claimTemplateIndex(r, name) !== undefined) continue;
          const known = new Set<string>([...volumes.map((v) => v?.name), ...claims.map((c) => c.name)]);
          const fixes: Fix[] = [];
          if (isDns1123Label(name)) {
            const claim = r.kind === 'StatefulSet' && addToList(r, ['spec'], 'volumeClaimTemplates', [
              'metadata:', `  name: ${name}`, 'spec:', '  accessModes: ["ReadWriteOnce"]', '  resources:', '    requests:', '      storage: 1Gi',
            ]);
            if (claim) fixes.push({ title: `Add a volumeClaimTemplate '${name}' (1Gi, ReadWriteOnce)`, edits: [claim], isPreferred: true });
            const vol = addToList(r, ps.path, 'volumes', [`name: ${name}`, 'emptyDir: {}']);
            if (vol) fixes.push({ title: `Add an emptyDir volume '${name}' to the pod ${r.kind === 'Pod' ? 'spec' : 'template'}`, edits: [vol] });
          }
          const what = `${field === 'volumeMounts' ? 'volumeMount' : 'volumeDevice'} '${name}'`;
          const near = nearest(name, [...known].filter((k): k is string => typeof k === 'string'));
          const hint = near ? ` (did you mean '${near}'?)` : '';
          ctx.report(r, {
            path: [...ref.path, field, i, 'name'],
            message: r.kind === 'Pod'
              ? `${what} names no volume in spec.volumes${hint}: the API server rejects the pod.`
              : `${what} names no volume of the pod template and no volumeClaimTemplate${hint}: the API server rejects the pod.`,
            fixes,
          });
        }
      }
    }
  },
};
