// ConfigMaps used by a StatefulSet's pods must exist unless marked optional, or containers fail to start.
import { templateConfigMapRefs, kustomizeFor, missingSeverity, podTemplate } from '../crossref';
import { namespaceOf } from '../model';
import type { WorkspaceRule } from '../rule';

export const configMapNotFound: WorkspaceRule = {
  code: 'configmap-not-found',
  severity: 'warning',
  description: 'A StatefulSet pod (or a bare Pod) uses a ConfigMap (volume, envFrom or configMapKeyRef) that is not in the namespace and not marked optional: the container cannot start.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    for (const sts of ctx.resources) {
      if (sts.kind !== 'StatefulSet' && sts.kind !== 'Pod') continue;
      const t = podTemplate(sts);
      if (!t) continue;
      const refs = templateConfigMapRefs(t);
      if (!refs.length) continue;
      const ns = namespaceOf(sts, dflt);
      const generated = kustomizeFor(ctx.index, sts.uri)?.generatedConfigMaps ?? [];
      const seen = new Set<string>();
      for (const ref of refs) {
        // kube-root-ca.crt is published into every namespace by the control plane.
        if (ref.optional || generated.includes(ref.name) || ref.name === 'kube-root-ca.crt') continue;
        if (ctx.index.find('ConfigMap', ns, ref.name, dflt).length) continue;
        const where = ref.path.join('.');
        if (seen.has(where)) continue;
        seen.add(where);
        ctx.report(sts, {
          path: ref.path,
          severity: missingSeverity(ctx.index, sts, 'ConfigMap', ns, dflt),
          message: `No ConfigMap '${ref.name}' in namespace '${ns}' in the workspace: the pod cannot start until it exists (or mark the reference optional: true).`,
        });
      }
    }
  },
};
