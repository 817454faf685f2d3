// The resources as they were before this change (a file at git HEAD, a directory of manifests as deployed),
// found by kind, namespace and name. The immutable-field-changed rule compares each resource with its
// namesake here: fields the API server never updates must not differ.
import { compactModel } from './compact';
import { buildFileModel, namespaceOf, type Resource } from './model';
import type { Limits } from './types';
import { ResourceIndex } from './workspace';

export class Baseline {
  /** The earlier files, values only, in an index of their own (its kind, namespace and name lookup). */
  private readonly index = new ResourceIndex();

  /** @param label What the baseline is, for messages: "HEAD", "the baseline". */
  constructor(readonly label: string) {}

  /** Adds or replaces one source's text (undefined: the source has no baseline, e.g. a file new since HEAD). */
  set(uri: string, text: string | undefined, limits: Limits): void {
    if (text === undefined) this.index.delete(uri);
    else this.index.set(compactModel(buildFileModel(uri, text, limits, undefined, { treesOnDemand: true }), limits));
  }

  has(uri: string): boolean {
    return this.index.get(uri) !== undefined;
  }

  /** Sources with a baseline (files). */
  get size(): number {
    return this.index.size;
  }

  /** Named resources in the baseline, over all its sources. */
  get resources(): number {
    return this.index.all().filter(isNamesake).length;
  }

  /** The baseline's resource of this kind, namespace and name (the first one when the baseline repeats it). */
  find(r: Resource, defaultNamespace: string): Resource | undefined {
    if (!r.kind || r.name === undefined) return undefined;
    return this.index.find(r.kind, namespaceOf(r, defaultNamespace), r.name, defaultNamespace).find(isNamesake);
  }
}

/** A resource the baseline can offer as an earlier version: named, with a value to compare. */
const isNamesake = (r: Resource): boolean => !!r.kind && !!r.name && r.value !== undefined;
