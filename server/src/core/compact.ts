// File models that keep each document's plain value and drop its syntax tree, re-parsing the tree
// only when something asks for it: checking thousands of files at once then holds values, not trees.
//
// Cross-resource rules read other files' values and touch their trees only to point at a mistake,
// so a batch check (the CLI) analyses each file's documents while its trees are fresh, compacts the
// file, and runs the cross-resource rules once every file is in the index (see Project.checkAll).
import type { Document, YAMLMap } from 'yaml';
import type { FileModel, Resource } from './model';
import { asMap } from './nodes';
import { parseOne, type ParsedDoc, type ParseProblem } from './parse';
import { LineIndex } from './text';
import type { Finding, Limits } from './types';

/** Compact documents: their tree is re-parsed from their text on first use. */
const compactDocs = new WeakSet<ParsedDoc>();

/**
 * An object standing for a document's parse, for caches keyed by it: the tree itself, or the
 * compact document (whose tree would otherwise be re-parsed just to serve as a key).
 */
export function parseKey(doc: ParsedDoc): object {
  return compactDocs.has(doc) ? doc : doc.yaml;
}

/** The same file without its trees. Positions, values, problems and resource identities are unchanged. */
export function compactModel(model: FileModel, limits: Limits): FileModel {
  const docs = new Map<ParsedDoc, ParsedDoc>();
  for (const d of model.docs) docs.set(d, compactDoc(d, limits));
  const resources = model.resources.map((r) => compactResource(r, docs.get(r.doc) ?? compactDoc(r.doc, limits)));
  return { ...model, docs: [...docs.values()], resources };
}

function compactDoc(d: ParsedDoc, limits: Limits): ParsedDoc {
  if (compactDocs.has(d)) return d;
  const { index, offset, text, problems, templated, value } = d;
  let tree: Document.Parsed | undefined;
  const doc: ParsedDoc = {
    index, offset, text, problems, templated, value,
    // Parsing is deterministic: the same text gives the same nodes and ranges.
    get yaml() {
      return (tree ??= parseOne(text, index, offset, limits).yaml);
    },
  };
  compactDocs.add(doc);
  return doc;
}

function compactResource(r: Resource, doc: ParsedDoc): Resource {
  let root: YAMLMap | undefined | null = null;
  const { uri, value, apiVersion, kind, name, namespace } = r;
  return {
    uri, doc, value, apiVersion, kind, name, namespace,
    get root() {
      if (root === null) root = asMap(doc.yaml.contents);
      return root;
    },
  };
}

/** A compacted file as plain data (no trees, no functions): what one batch worker hands another. */
export interface CompactFile {
  uri: string;
  problems: Finding[];
  docs: { index: number; offset: number; length: number; problems: ParseProblem[]; templated: boolean; value: unknown }[];
  /** Each resource's document (a position in docs) and identity; its value is its document's. */
  resources: { doc: number; apiVersion?: string; kind?: string; name?: string; namespace?: string }[];
}

export function toCompactFile(model: FileModel): CompactFile {
  const position = new Map(model.docs.map((d, i) => [d, i]));
  return {
    uri: model.uri,
    problems: model.problems,
    docs: model.docs.map((d) => ({ index: d.index, offset: d.offset, length: d.text.length, problems: d.problems, templated: d.templated, value: d.value })),
    resources: model.resources.map((r) => ({ doc: position.get(r.doc) ?? -1, apiVersion: r.apiVersion, kind: r.kind, name: r.name, namespace: r.namespace })),
  };
}

/** The compacted model of a CompactFile, given the file's text. */
export function fromCompactFile(c: CompactFile, text: string, limits: Limits): FileModel {
  const docs = c.docs.map((d) => compactDoc({ ...d, text: text.slice(d.offset, d.offset + d.length), yaml: undefined as never }, limits));
  const resources = c.resources.flatMap((r) => {
    const doc = docs[r.doc];
    if (!doc) return [];
    const value = doc.value && typeof doc.value === 'object' && !Array.isArray(doc.value) ? (doc.value as Record<string, any>) : undefined;
    return [compactResource({ uri: c.uri, doc, root: undefined, value, apiVersion: r.apiVersion, kind: r.kind, name: r.name, namespace: r.namespace }, doc)];
  });
  return { uri: c.uri, text, lines: new LineIndex(text), docs, resources, problems: c.problems };
}
