// An env var takes either `value` or `valueFrom`, and valueFrom exactly one source.
import { at } from '../k8s/where';
import { deleteKey } from '../k8s/edit';
import { arr, containersOf, countSet, isObj, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

const SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'];

export const envValueConflict: DocRule = {
  code: 'env-value-conflict',
  severity: 'error',
  description: 'An env var sets both value and valueFrom, or valueFrom has no or several sources.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      const env = arr(ref.c.env);
      for (let i = 0; i < env.length; i++) {
        const e = env[i];
        // Most env vars have a plain value, or valueFrom with one source: nothing to report, so no path either.
        if (!isObj(e) || e.valueFrom == null) continue;
        const both = typeof e.value === 'string' && e.value !== '';
        if (!both && (!isObj(e.valueFrom) || countSet(e.valueFrom, SOURCES) === 1)) continue;
        const path = [...ref.path, 'env', i];
        if (both) {
          const del = deleteKey(r, [...path, 'value']);
          ctx.report(r, { path: [...path, 'value'], message: `env '${e.name}' sets both value and valueFrom: use one.`, fixes: del ? [{ title: 'Remove value (keep valueFrom)', edits: [del] }] : undefined });
        }
        if (!isObj(e.valueFrom)) continue;
        const src = SOURCES.filter((k) => e.valueFrom[k] != null);
        if (src.length === 0 && Object.keys(e.valueFrom).every((k) => SOURCES.includes(k))) {
          ctx.report(r, { ...at(r, [...path, 'valueFrom']), message: `env '${e.name}' valueFrom needs one source (${SOURCES.slice(0, 4).join(', ')}).` });
        }
        for (const k of src.slice(1)) ctx.report(r, { ...at(r, [...path, 'valueFrom', k]), message: `env '${e.name}' valueFrom may have only one source (already has '${src[0]}').` });
      }
    }
  },
};
