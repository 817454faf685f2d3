// The resources as they were before this change (a file at git HEAD, a directory of manifests as deployed),
// found by kind, namespace and name. The immutable-field-changed rule compares each resource with its
// namesake here: fields the API server never updates must not differ.
import { compactModel } from './compact';
import { buildFileModel, namespaceOf, type Resource } from './model';
import type { Limits } from './types';

export class Baseline {
  /** Resources per source (a file's uri at the baseline), values only. */
  private readonly sources = new Map<string, Resource[]>();
  /** Built on first lookup after a change: kind -> "namespace/name" -> resource. */
  private table: Map<string, Map<string, Resource>> | undefined;
  private tableNamespace = '';

  /** @param label What the baseline is, for messages: "HEAD", "the baseline". */
  constructor(readonly label: string) {}

  /** Adds or replaces one source's text (undefined: the source has no baseline, e.g. a file new since HEAD). */
  set(uri: string, text: string | undefined, limits: Limits): void {
    if (text === undefined) {
      if (this.sources.delete(uri)) this.table = undefined;
      return;
    }
    const model = compactModel(buildFileModel(uri, text, limits, undefined, { treesOnDemand: true }), limits);
    this.sources.set(uri, model.resources.filter((r) => r.kind && r.name && r.value));
    this.table = undefined;
  }

  has(uri: string): boolean {
    return this.sources.has(uri);
  }

  /** Sources with a baseline (files). */
  get size(): number {
    return this.sources.size;
  }

  /** Resources in the baseline, over all its sources. */
  get resources(): number {
    let n = 0;
    for (const list of this.sources.values()) n += list.length;
    return n;
  }

  /** The baseline's resource of this kind, namespace and name (the first one when a source repeats it). */
  find(r: Resource, defaultNamespace: string): Resource | undefined {
    if (!r.kind || r.name === undefined) return undefined;
    if (!this.table || this.tableNamespace !== defaultNamespace) {
      this.table = new Map();
      this.tableNamespace = defaultNamespace;
      for (const list of this.sources.values()) {
        for (const b of list) {
          let byName = this.table.get(b.kind!);
          if (!byName) this.table.set(b.kind!, (byName = new Map()));
          const key = `${namespaceOf(b, defaultNamespace)}/${b.name}`;
          if (!byName.has(key)) byName.set(key, b);
        }
      }
    }
    return this.table.get(r.kind)?.get(`${namespaceOf(r, defaultNamespace)}/${r.name}`);
  }
}
