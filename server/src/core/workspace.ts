// The set of resources the engine knows about, from open and unopened files alike.
// Pure data: the LSP layer and the CLI decide which files go in.
import type { Baseline } from './baseline';
import { namespaceOf, type FileModel, type Resource } from './model';

/**
 * What the files contribute to one lookup (a kind, or a kind and name, ...): kept per file so that
 * replacing a file costs its own size, not the size of the list (the CLI adds thousands of files; an
 * edit replaces one). Nearly every name comes from a single file, so that case holds no Map. The
 * combined list, in file order, is built on first read after a change.
 */
class Slot<T = Resource> {
  /** The only contributing file and its values, while there is one. */
  private uri: string | undefined;
  private rs: T[] | undefined;
  /** Every contributing file, in the order they came, once there have been several. */
  private byUri: Map<string, T[]> | undefined;
  private merged: T[] | undefined;
  /** The index update that last set this slot (see ResourceIndex.update). */
  stamp: number;

  constructor(uri: string, r: T, stamp: number) {
    this.uri = uri;
    this.rs = [r];
    this.stamp = stamp;
  }

  get resources(): readonly T[] {
    if (this.rs) return this.rs;
    if (!this.merged) {
      const lists = [...this.byUri!.values()];
      this.merged = lists.length === 1 ? lists[0] : lists.flat();
    }
    return this.merged;
  }

  /** Replaces what `uri` contributes with `[r]`; a file keeps its place among the others. */
  set(uri: string, r: T, stamp: number): void {
    this.stamp = stamp;
    this.merged = undefined;
    if (this.byUri) this.byUri.set(uri, [r]);
    else if (this.uri === uri) this.rs = [r];
    else {
      this.byUri = new Map([[this.uri!, this.rs!], [uri, [r]]]);
      this.uri = this.rs = undefined;
    }
  }

  /** Adds `r` to what `uri` contributes, after a set() in the same update. */
  add(uri: string, r: T): void {
    this.merged = undefined;
    (this.byUri ? this.byUri.get(uri)! : this.rs!).push(r);
  }

  /** Whether `uri` contributes to this slot. */
  has(uri: string): boolean {
    return this.byUri ? this.byUri.has(uri) : this.uri === uri;
  }

  /** Drops what `uri` contributes; true when no file is left. */
  delete(uri: string): boolean {
    if (this.byUri) {
      this.merged = undefined;
      this.byUri.delete(uri);
      return this.byUri.size === 0;
    }
    return this.uri === uri;
  }
}

/** The lookups for one kind. Nested maps: a lookup builds no key string. */
interface KindTables {
  all: Slot;
  /** name -> resources in any namespace. */
  named: Map<string, Slot>;
  /** namespace as written ('' when omitted, so the default namespace stays a query-time setting) -> name -> resources. */
  byNamespace: Map<string, Map<string, Slot>>;
}

/** Puts `r` into `uri`'s part of the slot at `key`: replacing the part on the first touch in update `stamp`. */
function put<T>(map: Map<string, Slot<T>>, key: string, uri: string, r: T, stamp: number): void {
  const slot = map.get(key);
  if (!slot) map.set(key, new Slot(uri, r, stamp));
  else if (slot.stamp === stamp) slot.add(uri, r);
  else slot.set(uri, r, stamp);
}

/** Drops `uri`'s part of the slot at `key` unless update `stamp` has just set it. */
function drop<T>(map: Map<string, Slot<T>>, key: string, uri: string, stamp: number): void {
  const slot = map.get(key);
  if (slot && slot.stamp !== stamp && slot.delete(uri)) map.delete(key);
}

/**
 * Lists the entries one resource contributes to a Grouping: `add(scope, key, value)` for each. Keys
 * are two strings (usually a namespace and a name) so that lookups need not build a key string.
 */
export type GroupEntries<V> = (r: Resource, add: (scope: string, key: string, value: V) => void) => void;

/** A key's values in a Grouping built in one pass, and the files they came from. */
interface Plain<V> {
  values: V[];
  /** The one file contributing, until a second one does; then `uris` holds them all. */
  uri: string;
  uris?: Set<string>;
}

/**
 * A table from keys to the values resources contribute (e.g. "StatefulSets by namespace and
 * claim-name prefix"), kept up to date file by file: an edit replaces what its file contributes and
 * leaves the rest of the workspace alone, where a table rebuilt from every resource would cost the
 * whole workspace on every keystroke. Values come in file order, then document order.
 *
 * It is first built in one pass into plain lists, as cheap as a table that is never updated (a batch
 * check never updates it); the first change rebuilds it into per-file slots that each later change
 * updates in place.
 */
export class Grouping<V> {
  private plain: Map<string, Map<string, Plain<V>>> | undefined = new Map();
  private readonly slots = new Map<string, Map<string, Slot<V>>>();
  private stamp = 0;

  constructor(
    private readonly entries: GroupEntries<V>,
    files: Iterable<FileModel>,
    /** The index's files as they are after a change (for the rebuild into slots). */
    private readonly current: () => Iterable<FileModel>,
  ) {
    const plain = this.plain!;
    for (const f of files) {
      const uri = f.uri;
      const add = (scope: string, k: string, v: V) => {
        let inScope = plain.get(scope);
        if (!inScope) plain.set(scope, (inScope = new Map()));
        const e = inScope.get(k);
        if (!e) inScope.set(k, { values: [v], uri });
        else {
          e.values.push(v);
          if (e.uri !== uri) (e.uris ??= new Set([e.uri])).add((e.uri = uri));
        }
      };
      for (const r of f.resources) entries(r, add);
    }
  }

  /** The values under (`scope`, `key`) (shared, not a copy). */
  get(scope: string, key: string): readonly V[] {
    return (this.plain ? this.plain.get(scope)?.get(key)?.values : this.slots.get(scope)?.get(key)?.resources) ?? [];
  }

  /** Whether the file `uri` contributes a value under (`scope`, `key`). */
  has(scope: string, key: string, uri: string): boolean {
    if (!this.plain) return this.slots.get(scope)?.get(key)?.has(uri) ?? false;
    const e = this.plain.get(scope)?.get(key);
    return !!e && (e.uris ? e.uris.has(uri) : e.uri === uri);
  }

  /** Every list of more than one value (e.g. claim prefixes that two StatefulSets share). */
  *shared(): Iterable<readonly V[]> {
    if (this.plain) {
      for (const inScope of this.plain.values()) for (const e of inScope.values()) if (e.values.length > 1) yield e.values;
      return;
    }
    for (const inScope of this.slots.values()) for (const slot of inScope.values()) if (slot.resources.length > 1) yield slot.resources;
  }

  /** Replaces what `uri` contributes: its old resources' entries by its new resources' entries. */
  replace(uri: string, before: readonly Resource[], after: readonly Resource[]): void {
    if (this.plain) {
      // The first change: into per-file slots, from the files as they are now (this change included).
      this.plain = undefined;
      for (const f of this.current()) this.replace(f.uri, [], f.resources);
      return;
    }
    const stamp = ++this.stamp;
    for (const r of after) this.entries(r, (scope, k, v) => put(this.scope(scope), k, uri, v, stamp));
    for (const r of before) {
      this.entries(r, (scope, k) => {
        const inScope = this.slots.get(scope);
        if (!inScope) return;
        drop(inScope, k, uri, stamp);
        if (inScope.size === 0) this.slots.delete(scope);
      });
    }
  }

  private scope(scope: string): Map<string, Slot<V>> {
    let m = this.slots.get(scope);
    if (!m) this.slots.set(scope, (m = new Map()));
    return m;
  }
}

/** Whether a resource has a name key (kind and name); the kind tables hold every resource with a kind. */
const hasName = (r: Resource): r is Resource & { kind: string; name: string } => !!r.kind && r.name !== undefined;

export class ResourceIndex {
  /**
   * The workspace's resources as they were before (git HEAD, a deployed copy: see baseline.ts), when
   * the user asks for the comparison (the CLI's --baseline, the server's statefulset.baseline).
   */
  baseline: Baseline | undefined;
  private readonly files = new Map<string, FileModel>();
  private readonly kinds = new Map<string, KindTables>();
  private readonly derivedCache = new Map<string, unknown>();
  private readonly groupings = new Map<string, Grouping<unknown>>();
  private gen = 0;

  /** Adds or replaces a file. The tables are updated for this file only (an edit must not cost the whole workspace). */
  set(model: FileModel): void {
    const old = this.files.get(model.uri);
    this.files.set(model.uri, model);
    this.update(model.uri, old?.resources ?? [], model.resources);
  }

  delete(uri: string): void {
    const old = this.files.get(uri);
    if (!old) return;
    this.files.delete(uri);
    this.update(uri, old.resources, []);
  }

  /** Bumped on every change: lets callers cache what they derive from the index. */
  get generation(): number {
    return this.gen;
  }

  /**
   * A value computed from the whole index, cached until the next change. Workspace rules run once
   * per analysed file; tables they build over every resource are shared through this.
   * `key` must identify the computation and everything it depends on (e.g. the default namespace).
   */
  derived<T>(key: string, build: () => T): T {
    const hit = this.derivedCache.get(key);
    if (hit !== undefined || this.derivedCache.has(key)) return hit as T;
    const v = build();
    this.derivedCache.set(key, v);
    return v;
  }

  /**
   * The Grouping named `key`, built from every file on first use and then kept up to date with each
   * change (unlike derived(), which rebuilds after any change). `key` must identify `entries` and
   * everything it depends on (e.g. the default namespace): the first caller's `entries` is kept.
   */
  grouped<V>(key: string, entries: GroupEntries<V>): Grouping<V> {
    let g = this.groupings.get(key) as Grouping<V> | undefined;
    if (!g) {
      g = new Grouping(entries, this.files.values(), () => this.files.values());
      this.groupings.set(key, g as Grouping<unknown>);
    }
    return g;
  }

  get(uri: string): FileModel | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  get size(): number {
    return this.files.size;
  }

  /** All resources of a kind, across files, in file order. */
  ofKind(kind: string): readonly Resource[] {
    return this.kinds.get(kind)?.all.resources ?? [];
  }

  /** Resources of `kind` named `name` in namespace `ns` (several means a duplicate). O(1); the list is shared, not a copy. */
  find(kind: string, ns: string, name: string, defaultNamespace: string): readonly Resource[] {
    const byNamespace = this.kinds.get(kind)?.byNamespace;
    if (!byNamespace) return [];
    const written = byNamespace.get(ns)?.get(name)?.resources ?? [];
    // Resources without metadata.namespace live in the default namespace.
    const defaulted = ns === defaultNamespace ? byNamespace.get('')?.get(name)?.resources ?? [] : [];
    return defaulted.length === 0 ? written : written.length === 0 ? defaulted : [...written, ...defaulted];
  }

  /** Resources of `kind` named `name` in any namespace (for "exists in namespace X" hints). */
  named(kind: string, name: string): readonly Resource[] {
    return this.kinds.get(kind)?.named.get(name)?.resources ?? [];
  }

  /** Resources of `kind` in namespace `ns` (a scan of the kind's list). */
  inNamespace(kind: string, ns: string, defaultNamespace: string): Resource[] {
    return this.ofKind(kind).filter((r) => namespaceOf(r, defaultNamespace) === ns);
  }

  /** Every resource of every file, in file order. */
  all(): Resource[] {
    const out: Resource[] = [];
    for (const f of this.files.values()) out.push(...f.resources);
    return out;
  }

  /**
   * Replaces what `uri` contributes to the tables. Slots the new resources go into are stamped with
   * this update (the first resource replaces the file's part, later ones add to it); the old
   * resources' slots left unstamped are the keys the file no longer has.
   */
  private update(uri: string, before: readonly Resource[], after: readonly Resource[]): void {
    const stamp = ++this.gen;
    this.derivedCache.clear();
    for (const g of this.groupings.values()) g.replace(uri, before, after);
    for (const r of after) {
      if (r.kind === undefined) continue;
      let t = this.kinds.get(r.kind);
      if (!t) this.kinds.set(r.kind, (t = { all: new Slot(uri, r, stamp), named: new Map(), byNamespace: new Map() }));
      else if (t.all.stamp === stamp) t.all.add(uri, r);
      else t.all.set(uri, r, stamp);
      if (!hasName(r)) continue;
      put(t.named, r.name, uri, r, stamp);
      const ns = namespaceOf(r, '');
      let names = t.byNamespace.get(ns);
      if (!names) t.byNamespace.set(ns, (names = new Map()));
      put(names, r.name, uri, r, stamp);
    }
    for (const r of before) {
      const t = r.kind === undefined ? undefined : this.kinds.get(r.kind);
      if (!t) continue;
      if (t.all.stamp !== stamp && t.all.delete(uri)) {
        // Nothing of this kind is left anywhere: neither are its names.
        this.kinds.delete(r.kind!);
        continue;
      }
      if (!hasName(r)) continue;
      drop(t.named, r.name, uri, stamp);
      const ns = namespaceOf(r, '');
      const names = t.byNamespace.get(ns);
      if (!names) continue;
      drop(names, r.name, uri, stamp);
      if (names.size === 0) t.byNamespace.delete(ns);
    }
  }
}
