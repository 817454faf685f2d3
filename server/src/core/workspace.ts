// The set of resources the engine knows about, from open and unopened files alike.
// Pure data: the LSP layer and the CLI decide which files go in.
import { parseKey } from './compact';
import { namespaceOf, type FileModel, type Resource } from './model';

/** Lookup key: the namespace as written ('' when omitted), so the default namespace stays a query-time setting. */
const key = (kind: string, ns: string, name: string) => `${kind}\u0000${ns}\u0000${name}`;

// Table keys per parsed document: an edit re-indexes every resource of the file, and reusing the
// same (already hashed) key strings for unchanged documents makes that cheap.
const keyCache = new WeakMap<object, [string | undefined, string | undefined]>();

function keysOf(r: Resource): [string | undefined, string | undefined] {
  const hit = keyCache.get(parseKey(r.doc));
  if (hit) return hit;
  const keys: [string | undefined, string | undefined] = r.kind && r.name !== undefined
    ? [key(r.kind, namespaceOf(r, ''), r.name), `${r.kind}\u0000${r.name}`] : [undefined, undefined];
  keyCache.set(parseKey(r.doc), keys);
  return keys;
}

/**
 * One lookup table: key -> resources, kept per file so that replacing a file costs its own size,
 * not the size of the list (the CLI adds thousands of files; an edit replaces one). The combined
 * list, in file order, is built on first read after a change.
 */
class Table {
  private readonly entries = new Map<string, { byUri: Map<string, Resource[]>; list?: Resource[] }>();

  get(key: string): readonly Resource[] | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (!e.list) {
      if (e.byUri.size === 1) e.list = e.byUri.values().next().value!;
      else {
        const list: Resource[] = [];
        for (const rs of e.byUri.values()) for (const r of rs) list.push(r);
        e.list = list;
      }
    }
    return e.list;
  }

  /** Replaces what `uri` contributes, given its resources grouped by key. */
  replace(uri: string, before: Set<string>, after: Map<string, Resource[]>): void {
    for (const k of before) {
      if (after.has(k)) continue;
      const e = this.entries.get(k);
      if (!e) continue;
      e.byUri.delete(uri);
      e.list = undefined;
      if (e.byUri.size === 0) this.entries.delete(k);
    }
    for (const [k, rs] of after) {
      let e = this.entries.get(k);
      if (!e) this.entries.set(k, (e = { byUri: new Map() }));
      // A file keeps its place among the others (Map order) when it is replaced.
      e.byUri.set(uri, rs);
      e.list = undefined;
    }
  }
}

function group(rs: readonly Resource[], keyOf: (r: Resource) => string | undefined): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const r of rs) {
    const k = keyOf(r);
    if (k === undefined) continue;
    const l = out.get(k);
    if (l) l.push(r);
    else out.set(k, [r]);
  }
  return out;
}

function keySet(rs: readonly Resource[], keyOf: (r: Resource) => string | undefined): Set<string> {
  const out = new Set<string>();
  for (const r of rs) {
    const k = keyOf(r);
    if (k !== undefined) out.add(k);
  }
  return out;
}

export class ResourceIndex {
  private readonly files = new Map<string, FileModel>();
  private readonly byKind = new Table();
  private readonly byKey = new Table();
  private readonly byKindName = new Table();
  private readonly derivedCache = new Map<string, unknown>();
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
    if (this.derivedCache.has(key)) return this.derivedCache.get(key) as T;
    const v = build();
    this.derivedCache.set(key, v);
    return v;
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
    return this.byKind.get(kind) ?? [];
  }

  /** Resources of `kind` named `name` in namespace `ns` (several means a duplicate). O(1). */
  find(kind: string, ns: string, name: string, defaultNamespace: string): Resource[] {
    const written = this.byKey.get(key(kind, ns, name)) ?? [];
    // Resources without metadata.namespace live in the default namespace.
    const defaulted = ns === defaultNamespace ? this.byKey.get(key(kind, '', name)) ?? [] : [];
    return defaulted.length ? (written.length ? [...written, ...defaulted] : [...defaulted]) : [...written];
  }

  /** Resources of `kind` named `name` in any namespace (for "exists in namespace X" hints). */
  named(kind: string, name: string): readonly Resource[] {
    return this.byKindName.get(`${kind}\u0000${name}`) ?? [];
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

  private update(uri: string, before: readonly Resource[], after: readonly Resource[]): void {
    this.gen++;
    this.derivedCache.clear();
    const tables: [Table, (r: Resource) => string | undefined][] = [
      [this.byKind, (r) => r.kind],
      [this.byKey, (r) => keysOf(r)[0]],
      [this.byKindName, (r) => keysOf(r)[1]],
    ];
    for (const [table, keyOf] of tables) table.replace(uri, keySet(before, keyOf), group(after, keyOf));
  }
}
