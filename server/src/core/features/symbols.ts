// Document symbols: one per resource (`StatefulSet web`) with its containers, claim templates and ports;
// workspace symbols: the resources of every file, by name.
import { isPair, type YAMLMap } from 'yaml';
import { PerParse, rootOnce } from '../compact';
import { CLUSTER_SCOPED } from '../crossref';
import { asMap, asSeq, getIn, keyRange, keyText, nodeRange, stringAt } from '../nodes';
import { namespaceOf, type FileModel, type Resource } from '../model';
import type { Project } from '../project';
import type { Span } from '../types';

export interface SymbolEntry extends Span {
  name: string;
  detail?: string;
  kind: 'resource' | 'container' | 'claim' | 'port' | 'key';
  selectionStart: number;
  selectionEnd: number;
  children: SymbolEntry[];
}

export function documentSymbols(project: Project, uri: string): SymbolEntry[] {
  const model = project.getFile(uri);
  if (!model) return [];
  return outlined(model).map((r) => placed(entries.of(r), r.doc.offset));
}

/**
 * The resources of `model` whose outline entry is not made yet: each costs a tree parse when its
 * document holds none (a server parses open files' trees on demand), so a server makes them a few at a
 * time (prepareSymbol) before it answers.
 */
export function symbolsPending(model: FileModel): Resource[] {
  return outlined(model).filter((r) => !entries.has(r));
}

/** Makes the outline entry of `r` (one of symbolsPending), so that documentSymbols finds it made. */
export function prepareSymbol(r: Resource): void {
  entries.of(r);
}

const outlined = (model: FileModel): Resource[] => model.resources.filter((r) => r.kind || r.name);

// Each document's entry, relative to the document (see PerParse): editors ask for the outline after every
// edit (VS Code's breadcrumbs).
const entries = new PerParse((r) => resourceSymbol(r, rootOnce(r)));

/** `e` (relative to its document) at its document's offset in the file. */
function placed(e: SymbolEntry, base: number): SymbolEntry {
  return {
    ...e,
    start: base + e.start,
    end: base + e.end,
    selectionStart: base + e.selectionStart,
    selectionEnd: base + e.selectionEnd,
    children: e.children.map((c) => placed(c, base)),
  };
}

/** The outline entry of `r`, whose root mapping is `root`, relative to its document. */
function resourceSymbol(r: Resource, root: YAMLMap | undefined): SymbolEntry {
  // trimEnd, not /\s+$/: that regex backtracks quadratically over long inner runs of white space.
  const docEnd = r.doc.text.trimEnd().length;
  const nameNode = getIn(root, ['metadata', 'name']);
  const sel = nodeRange(nameNode) ?? nodeRange(getIn(root, ['kind'])) ?? nodeRange(root) ?? [0, 0];
  const rootRange = nodeRange(root) ?? [0, docEnd];
  const children: SymbolEntry[] = [];
  const podSpec = r.kind === 'StatefulSet' ? ['spec', 'template', 'spec'] : r.kind === 'Pod' ? ['spec'] : undefined;
  if (podSpec) {
    for (const field of ['initContainers', 'containers']) {
      asSeq(getIn(root, [...podSpec, field]))?.items.forEach((item, i) => {
        const name = stringAt(item, ['name']);
        children.push(child(name ?? `${field}[${i}]`, stringAt(item, ['image']) ?? (field === 'initContainers' ? 'init container' : undefined), 'container', item, getIn(item, ['name'])));
      });
    }
  }
  if (r.kind === 'StatefulSet') {
    asSeq(getIn(root, ['spec', 'volumeClaimTemplates']))?.items.forEach((item, i) => {
      const name = stringAt(item, ['metadata', 'name']);
      const size = getIn(item, ['spec', 'resources', 'requests', 'storage']);
      const sizeText = size && 'value' in (size as object) ? String((size as { value: unknown }).value) : undefined;
      children.push(child(name ?? `volumeClaimTemplates[${i}]`, sizeText ? `claim template, ${sizeText}` : 'claim template', 'claim', item, getIn(item, ['metadata', 'name'])));
    });
  }
  if (r.kind === 'Service') {
    asSeq(getIn(root, ['spec', 'ports']))?.items.forEach((item, i) => {
      const name = stringAt(item, ['name']);
      const port = getIn(item, ['port']);
      const portText = port && 'value' in (port as object) ? String((port as { value: unknown }).value) : undefined;
      children.push(child(name ?? (portText ? `port ${portText}` : `ports[${i}]`), portText, 'port', item, getIn(item, ['name']) ?? port));
    });
  }
  if (r.kind === 'ConfigMap') {
    const data = asMap(getIn(root, ['data']));
    for (const it of data?.items ?? []) {
      const key = isPair(it) ? keyText(it) : undefined;
      const kr = key !== undefined ? keyRange(it) : undefined;
      if (key === undefined || !kr) continue;
      const vr = nodeRange(it.value) ?? kr;
      children.push({ name: key, kind: 'key', start: kr[0], end: Math.max(kr[1], vr[1]), selectionStart: kr[0], selectionEnd: kr[1], children: [] });
    }
  }
  return {
    name: `${r.kind ?? '(no kind)'} ${r.name ?? '(unnamed)'}`,
    ...(r.namespace ? { detail: `namespace ${r.namespace}` } : {}),
    kind: 'resource',
    start: rootRange[0],
    end: Math.max(rootRange[1], sel[1]),
    selectionStart: sel[0],
    selectionEnd: sel[1],
    children,
  };
}

function child(name: string, detail: string | undefined, kind: SymbolEntry['kind'], node: unknown, nameNode: unknown): SymbolEntry {
  const range = nodeRange(node) ?? [0, 0];
  const sel = nodeRange(nameNode) ?? range;
  return {
    name,
    ...(detail ? { detail } : {}),
    kind,
    start: range[0],
    end: Math.max(range[1], sel[1]),
    selectionStart: sel[0],
    selectionEnd: sel[1],
    children: [],
  };
}

export interface WorkspaceSymbolEntry extends Span {
  uri: string;
  /** The resource's name, what the editor's picker matches the query against. */
  name: string;
  /** `StatefulSet · default`: the kind, and the namespace the resource lands in (none for cluster-scoped kinds). */
  container: string;
}

/** More than a picker shows; each answer costs a tree parse when its file is not open. */
export const WORKSPACE_SYMBOL_LIMIT = 256;

/**
 * Resources of every file in the workspace (open and indexed) whose name matches `query`: its
 * characters in order, ignoring case, as editors' pickers match. Best first: the exact name, then
 * names that start with the query, then the rest; each group by name, kind and file.
 */
export function workspaceSymbols(project: Project, query: string, limit = WORKSPACE_SYMBOL_LIMIT): WorkspaceSymbolEntry[] {
  const q = query.trim().toLowerCase();
  const found: { r: Resource; rank: number }[] = [];
  for (const uri of project.index.uris()) {
    for (const r of project.index.get(uri)?.resources ?? []) {
      if (!r.kind || !r.name) continue;
      const rank = matchRank(r.name.toLowerCase(), q);
      if (rank >= 0) found.push({ r, rank });
    }
  }
  found.sort((a, b) => a.rank - b.rank || cmp(a.r.name!, b.r.name!) || cmp(a.r.kind!, b.r.kind!) || cmp(a.r.uri, b.r.uri) || a.r.doc.index - b.r.doc.index);
  const defaultNs = project.settings.defaultNamespace;
  return found.slice(0, limit).map(({ r }) => {
    // The name's own range; the document's start when the tree cannot place it. An unopened file's
    // tree is parsed for this answer only: picker queries must not leave the index holding trees.
    const span = nodeRange(getIn(rootOnce(r), ['metadata', 'name'])) ?? [0, 0];
    return { uri: r.uri, name: r.name!, container: CLUSTER_SCOPED.has(r.kind!) ? r.kind! : `${r.kind} · ${namespaceOf(r, defaultNs)}`, start: r.doc.offset + span[0], end: r.doc.offset + span[1] };
  });
}

/** 0 exact, 1 prefix, 2 in order; -1 no match. */
function matchRank(name: string, q: string): number {
  if (name === q) return 0;
  if (name.startsWith(q)) return 1;
  let i = 0;
  for (let j = 0; j < name.length && i < q.length; j++) if (name[j] === q[i]) i++;
  return i === q.length ? 2 : -1;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
