// Keys picked from a ConfigMap (configMapKeyRef.key, volume items) must exist in it unless optional.
import { templateConfigMapRefs, podTemplate } from '../crossref';
import { namespaceOf } from '../model';
import { isObj } from '../names';
import type { WorkspaceRule } from '../rule';

export const configMapKeyNotFound: WorkspaceRule = {
  code: 'configmap-key-not-found',
  severity: 'warning',
  description: 'A configMapKeyRef key or a configMap volume item key is not in the referenced ConfigMap: the container fails to start (CreateContainerConfigError).',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    for (const sts of ctx.resources) {
      if (sts.kind !== 'StatefulSet') continue;
      const t = podTemplate(sts);
      if (!t) continue;
      const ns = namespaceOf(sts, dflt);
      for (const ref of templateConfigMapRefs(t)) {
        if (ref.optional) continue;
        const found = ctx.index.find('ConfigMap', ns, ref.name, dflt);
        if (found.length !== 1) continue; // missing: configmap-not-found; duplicated: ambiguous
        const cm = found[0].value ?? {};
        const keys = new Set([...Object.keys(isObj(cm.data) ? cm.data : {}), ...Object.keys(isObj(cm.binaryData) ? cm.binaryData : {})]);
        const wanted = [...(ref.key !== undefined && ref.keyPath ? [{ key: ref.key, path: ref.keyPath }] : []), ...(ref.items ?? [])];
        for (const w of wanted) {
          if (keys.has(w.key)) continue;
          ctx.report(sts, {
            path: w.path,
            message: `ConfigMap '${ref.name}' has no key '${w.key}'${keys.size ? ` (keys: ${[...keys].slice(0, 8).join(', ')})` : ' (it has no data)'}: the container cannot start.`,
            related: [{ uri: found[0].uri, ...ctx.spanOf(found[0], ['metadata', 'name']), message: `ConfigMap '${ref.name}'` }],
          });
        }
      }
    }
  },
};
