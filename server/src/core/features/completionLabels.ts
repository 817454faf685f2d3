// Completion of label pairs where they must agree: a StatefulSet's selector and template labels, a Service's selector.
import { podTemplate, workloadsIn, yamlScalar } from '../crossref';
import { isObj } from '../k8s/pod';
import type { Resource } from '../model';
import { templateLabels } from '../names';
import type { Project } from '../project';
import type { CompletionEntry } from './completion';
import type { ContextPath } from './yamlContext';

type Span = { start: number; end: number };

const is = (path: ContextPath, ...want: string[]) => path.length === want.length && want.every((w, i) => path[i] === w);

/** `key: value` pairs for a label map at `path`, or undefined when `path` is not such a map. */
export function labelCandidates(project: Project, r: Resource | undefined, kind: string, ns: string, path: ContextPath, present: Set<string>, colonAfter: boolean, replace: Span): CompletionEntry[] | undefined {
  const sources: { labels: Record<string, unknown>; from: string }[] = [];
  if (kind === 'StatefulSet' && is(path, 'spec', 'selector', 'matchLabels')) {
    sources.push({ labels: templateLabels(r?.value), from: 'pod template label' });
  } else if (kind === 'StatefulSet' && is(path, 'spec', 'template', 'metadata', 'labels')) {
    const m = r?.value?.spec?.selector?.matchLabels;
    sources.push({ labels: isObj(m) ? m : {}, from: 'selector matchLabels' });
  } else if (kind === 'Service' && is(path, 'spec', 'selector')) {
    for (const w of workloadsIn(project.index, ns, project.settings.defaultNamespace)) {
      const t = podTemplate(w);
      if (t) sources.push({ labels: t.labels, from: `pod label of ${w.kind} ${w.name ?? ''}` });
    }
  } else {
    return undefined;
  }
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    for (const [k, v] of Object.entries(s.labels)) {
      if (present.has(k) || v === null || typeof v === 'object') continue;
      const value = yamlScalar(String(v));
      const label = `${k}: ${value}`;
      if (seen.has(label)) continue;
      seen.add(label);
      out.push({ label, kind: 'value', detail: s.from, insertText: colonAfter ? k : label, isSnippet: false, replace });
    }
  }
  return out;
}
