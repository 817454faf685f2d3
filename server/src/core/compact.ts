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

/** The same file without its trees. Positions, values, problems and resource identities are unchanged. */
export function compactModel(model: FileModel, limits: Limits): FileModel {
  const docs = new Map<ParsedDoc, ParsedDoc>();
  for (const d of model.docs) docs.set(d, compactDoc(d, limits));
  const resources = model.resources.map((r) => compactResource(r, docs.get(r.doc) ?? compactDoc(r.doc, limits)));
  return { ...model, docs: [...docs.values()], resources };
}

/**
 * A document whose tree is re-parsed from its text on first use (parsing is deterministic: same
 * nodes, same ranges). A class: the getter is shared, not a closure per document.
 */
class CompactDoc implements ParsedDoc {
  private tree: Document.Parsed | undefined;

  constructor(
    readonly index: number,
    readonly offset: number,
    readonly text: string,
    readonly problems: ParsedDoc['problems'],
    readonly templated: boolean,
    readonly value: unknown,
    private readonly limits: Limits,
  ) {}

  get yaml(): Document.Parsed {
    return (this.tree ??= parseOne(this.text, this.index, this.offset, this.limits).yaml);
  }
}

class CompactResource implements Resource {
  private map: YAMLMap | undefined | null = null;

  constructor(
    readonly uri: string,
    readonly doc: ParsedDoc,
    readonly value: Record<string, any> | undefined,
    readonly apiVersion: string | undefined,
    readonly kind: string | undefined,
    readonly name: string | undefined,
    readonly namespace: string | undefined,
  ) {}

  get root(): YAMLMap | undefined {
    if (this.map === null) this.map = asMap(this.doc.yaml.contents);
    return this.map;
  }
}

/**
 * An object standing for a document's parse, for caches keyed by it: the tree itself, or the
 * compact document (whose tree would otherwise be re-parsed just to serve as a key).
 */
export function parseKey(doc: ParsedDoc): object {
  return doc instanceof CompactDoc ? doc : doc.yaml;
}

/** A document without its tree (re-parsed on first use). */
export function compactDoc(d: ParsedDoc, limits: Limits): ParsedDoc {
  return d instanceof CompactDoc ? d : new CompactDoc(d.index, d.offset, d.text, d.problems, d.templated, d.value, limits);
}

/** A resource of a compacted document `doc` (its root is looked up in the re-parsed tree on first use). */
export function compactResource(r: Resource, doc: ParsedDoc): Resource {
  return new CompactResource(r.uri, doc, r.value, r.apiVersion, r.kind, r.name, r.namespace);
}
