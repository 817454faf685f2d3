// An env var takes either `value` or `valueFrom`, and valueFrom exactly one source.
import { at } from '../k8s/where';
import { deleteKey } from '../k8s/edit';
import { arr, containersOf, isObj, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
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
      arr(ref.c.env).forEach((e, i) => {
        if (!isObj(e)) return;
        const path = [...ref.path, 'env', i];
        if (e.valueFrom == null) return;
        if (typeof e.value === 'string' && e.value !== '') {
          const del = deleteKey(r, [...path, 'value']);
          ctx.report(r, { path: [...path, 'value'], message: `env '${e.name}' sets both value and valueFrom: use one.`, fixes: del ? [{ title: 'Remove value (keep valueFrom)', edits: [del] }] : undefined });
        }
        if (!isObj(e.valueFrom)) return;
        const src = SOURCES.filter((k) => e.valueFrom[k] != null);
        if (src.length === 0 && Object.keys(e.valueFrom).every((k) => SOURCES.includes(k))) {
          ctx.report(r, { ...at(r, [...path, 'valueFrom']), message: `env '${e.name}' valueFrom needs one source (${SOURCES.slice(0, 4).join(', ')}).` });
        }
        for (const k of src.slice(1)) ctx.report(r, { ...at(r, [...path, 'valueFrom', k]), message: `env '${e.name}' valueFrom may have only one source (already has '${src[0]}').` });
      });
    }
  },
};
