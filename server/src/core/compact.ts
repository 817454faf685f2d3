// File models that keep each document's plain value and drop its syntax tree, re-parsing the tree
// only when something asks for it: checking thousands of files at once then holds values, not trees.
//
// Cross-resource rules read other files' values and touch their trees only to point at a mistake,
// so a batch check (the CLI) analyses each document while its tree is fresh, compacts the
// document, and runs the cross-resource rules once every file is in the index (see Project.checkAll).
import type { Document, YAMLMap } from 'yaml';
import type { FileModel, Resource } from './model';
import { asMap } from './nodes';
import { parseOne, type ParsedDoc } from './parse';
import type { Limits } from './types';

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

/** A document without its tree (re-parsed on first use). */
export function compactDoc(d: ParsedDoc, limits: Limits): ParsedDoc {
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

/** A resource of a compacted document `doc` (its root is looked up in the re-parsed tree on first use). */
export function compactResource(r: Resource, doc: ParsedDoc): Resource {
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

