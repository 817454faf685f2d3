// The API server rejects a StatefulSet whose selector does not select its own pod template's labels.
import { getIn, type PathSeg } from '../nodes';
import { addKey, replaceAt } from '../k8s/edit';
import { isObj, obj, isCoreApi } from '../k8s/pod';
import { isEmptySelector, requirementErrors, selectorMismatches } from '../k8s/selector';
import type { Fix } from '../types';
import type { DocRule } from '../rule';

const yamlScalar = (v: unknown) => {
  const s = String(v ?? '');
  return /^[A-Za-z0-9][-A-Za-z0-9_./]*$/.test(s) && !/^(true|false|yes|no|on|off|null|y|n|~|[-+0-9.e]+)$/i.test(s) ? s : JSON.stringify(s);
};

export const selectorMismatch: DocRule = {
  code: 'selector-mismatch',
  severity: 'error',
  description: 'spec.selector must match spec.template.metadata.labels (matchExpressions included).',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const spec = r.value?.spec;
    if (!isObj(spec) || isEmptySelector(spec.selector) || !isObj(spec.template)) return;
    const labels = obj(spec.template.metadata?.labels);
    const miss = selectorMismatches(spec.selector, labels);
    if (!miss.labels.length && !miss.expressions.length) return;
    const sel = spec.selector;
    const labelsPath: PathSeg[] = ['spec', 'template', 'metadata', 'labels'];
    for (const k of miss.labels) {
      const want = sel.matchLabels[k];
      const fixes: Fix[] = [];
      if (k in labels) {
        const a = replaceAt(r, ['spec', 'selector', 'matchLabels', k], yamlScalar(labels[k]));
        if (a) fixes.push({ title: `Change the selector to ${k}: ${labels[k]}`, edits: [a] });
        const b = replaceAt(r, [...labelsPath, k], yamlScalar(want));
        if (b) fixes.push({ title: `Change the template label to ${k}: ${want}`, edits: [b] });
      } else {
        const b = getIn(r.root, labelsPath) ? addKey(r, labelsPath, k, yamlScalar(want)) : addKey(r, ['spec', 'template', 'metadata'], 'labels', [`${k}: ${yamlScalar(want)}`]);
        if (b) fixes.push({ title: `Add label ${k}: ${want} to the pod template`, edits: [b], isPreferred: true });
      }
      const msg = k in labels
        ? `selector requires ${k}=${want} but the pod template has ${k}=${labels[k]}: the API server rejects this ("selector does not match template labels").`
        : `selector requires label ${k}=${want} but the pod template has no label '${k}': the API server rejects this ("selector does not match template labels").`;
      ctx.report(r, { path: ['spec', 'selector', 'matchLabels', k], message: msg, fixes });
    }
    for (const i of miss.expressions) {
      const e = sel.matchExpressions[i];
      // Malformed requirements are selector-expression-invalid's finding.
      if (!e || typeof e !== 'object' || requirementErrors(e).length) continue;
      ctx.report(r, {
        path: ['spec', 'selector', 'matchExpressions', i],
        message: `selector expression '${e?.key} ${e?.operator}${Array.isArray(e?.values) ? ' ' + JSON.stringify(e.values) : ''}' is not satisfied by the pod template labels: the API server rejects this.`,
      });
    }
  },
};
