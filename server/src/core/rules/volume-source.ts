// Each pod volume must have exactly one source (emptyDir, configMap, persistentVolumeClaim, ...).
import { at } from '../k8s/where';
import { arr, claimTemplateNames, isObj, podSpecOf, POD_VOLUME_SOURCES, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

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
    // A volume named like a claim template is replaced by the claim before validation (claim-template-shadows-volume).
    const claims = new Set(claimTemplateNames(r).map((c) => c.name));
    arr(ps.spec.volumes).forEach((v, i) => {
      if (!isObj(v) || claims.has(v.name)) return;
      const src = POD_VOLUME_SOURCES.filter((k) => v[k] != null);
      // Only unknown keys (typos): the schema's unknown-field finding says enough.
      if (src.length === 0 && Object.keys(v).some((k) => k !== 'name')) return;
      const path = [...ps.path, 'volumes', i];
      if (src.length === 0) ctx.report(r, { path: 'name' in v ? [...path, 'name'] : path, message: `volume '${v.name ?? i}' must specify a volume type (e.g. emptyDir: {}, configMap, persistentVolumeClaim).` });
      for (const k of src.slice(1)) ctx.report(r, { ...at(r, [...path, k]), message: `volume '${v.name ?? i}' may not specify more than one volume type (already has '${src[0]}').` });
    });
  },
};
