// Go to definition from a Service's named targetPort to the container ports of the pods it selects.
import { isScalar } from 'yaml';
import { podTemplate, selectedBy } from '../crossref';
import { namespaceOf, type Resource } from '../model';
import { asSeq, getIn, nodeAt, nodeRange } from '../nodes';
import type { Project } from '../project';

export interface PortLocation {
  uri: string;
  start: number;
  end: number;
}

/** Container port names matching the named targetPort at `rel` in Service `svc`, or undefined when not on one. */
export function targetPortDefinition(project: Project, svc: Resource, rel: number): PortLocation[] | undefined {
  if (svc.kind !== 'Service') return undefined;
  const at = nodeAt(svc.root, rel);
  const p = at?.path;
  if (!p || p.length !== 4 || p[0] !== 'spec' || p[1] !== 'ports' || p[3] !== 'targetPort' || at.onKey) return undefined;
  const node = at.node;
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  const name = node.value;
  const dflt = project.settings.defaultNamespace;
  const out: PortLocation[] = [];
  for (const { w } of selectedBy(project.index, namespaceOf(svc, dflt), dflt, svc.value?.spec?.selector)) {
    const t = podTemplate(w);
    if (!t) continue;
    for (const list of ['initContainers', 'containers']) {
      for (const c of asSeq(getIn(w.root, [...t.specPath, list]))?.items ?? []) {
        for (const port of asSeq(getIn(c, ['ports']))?.items ?? []) {
          const n = getIn(port, ['name']);
          const rg = isScalar(n) && n.value === name ? nodeRange(n) : undefined;
          if (rg) out.push({ uri: w.uri, start: w.doc.offset + rg[0], end: w.doc.offset + rg[1] });
        }
      }
    }
  }
  return out;
}
