// Each pod volume must have exactly one source (emptyDir, configMap, persistentVolumeClaim, ...).
import { at } from '../k8s/where';
import { arr, claimTemplateIndex, isObj, type Obj, podSpecOf, POD_VOLUME_SOURCES, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

/** How many volume sources a volume sets (one is right: nothing to report). */
function sourceCount(v: Obj): number {
  let n = 0;
  for (const k of POD_VOLUME_SOURCES) if (v[k] != null) n++;
  return n;
}

export const volumeSource: DocRule = {
  code: 'volume-source',
  severity: 'error',
  description: 'A pod volume has no source or more than one.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    const ps = podSpecOf(r);
    if (!ps) return;
    const volumes = arr(ps.spec.volumes);
    for (let i = 0; i < volumes.length; i++) {
      const v = volumes[i];
      // A volume named like a claim template is replaced by the claim before validation (claim-template-shadows-volume).
      if (!isObj(v) || sourceCount(v) === 1 || claimTemplateIndex(r, v.name) !== undefined) continue;
      const src = POD_VOLUME_SOURCES.filter((k) => v[k] != null);
      // Only unknown keys (typos): the schema's unknown-field finding says enough.
      if (src.length === 0 && Object.keys(v).some((k) => k !== 'name')) continue;
      const path = [...ps.path, 'volumes', i];
      if (src.length === 0) ctx.report(r, { path: 'name' in v ? [...path, 'name'] : path, message: `volume '${v.name ?? i}' must specify a volume type (e.g. emptyDir: {}, configMap, persistentVolumeClaim).` });
      for (const k of src.slice(1)) ctx.report(r, { ...at(r, [...path, k]), message: `volume '${v.name ?? i}' may not specify more than one volume type (already has '${src[0]}').` });
    }
  },
};
