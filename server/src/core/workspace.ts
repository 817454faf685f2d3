// The set of resources the engine knows about, from open and unopened files alike.
// Pure data: the LSP layer and the CLI decide which files go in.
import { namespaceOf, type FileModel, type Resource } from './model';

/** Lookup key: the namespace as written ('' when omitted), so the default namespace stays a query-time setting. */
const key = (kind: string, ns: string, name: string) => `${kind}\u0000${ns}\u0000${name}`;

export class ResourceIndex {
  private readonly files = new Map<string, FileModel>();
  private byKind = new Map<string, Resource[]>();
  private byKey = new Map<string, Resource[]>();
  private byKindName = new Map<string, Resource[]>();
  private dirty = false;

  set(model: FileModel): void {
    this.files.set(model.uri, model);
    this.dirty = true;
  }

  delete(uri: string): void {
    if (this.files.delete(uri)) this.dirty = true;
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

  /** All resources of a kind, across files (rebuilt lazily after changes). */
  ofKind(kind: string): readonly Resource[] {
    if (this.dirty) this.rebuild();
    return this.byKind.get(kind) ?? [];
  }

  /** Resources of `kind` named `name` in namespace `ns` (several means a duplicate). O(1) after a rebuild. */
  find(kind: string, ns: string, name: string, defaultNamespace: string): Resource[] {
    if (this.dirty) this.rebuild();
    const written = this.byKey.get(key(kind, ns, name)) ?? [];
    // Resources without metadata.namespace live in the default namespace.
    const defaulted = ns === defaultNamespace ? this.byKey.get(key(kind, '', name)) ?? [] : [];
    return defaulted.length ? (written.length ? [...written, ...defaulted] : [...defaulted]) : [...written];
  }

  /** Resources of `kind` named `name` in any namespace (for "exists in namespace X" hints). */
  named(kind: string, name: string): readonly Resource[] {
    if (this.dirty) this.rebuild();
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

  private rebuild(): void {
    const byKind = new Map<string, Resource[]>();
    const byKey = new Map<string, Resource[]>();
    const byKindName = new Map<string, Resource[]>();
    const push = (m: Map<string, Resource[]>, k: string, r: Resource) => {
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    };
    for (const f of this.files.values()) {
      for (const r of f.resources) {
        if (!r.kind) continue;
        push(byKind, r.kind, r);
        if (r.name === undefined) continue;
        push(byKey, key(r.kind, namespaceOf(r, ''), r.name), r);
        push(byKindName, `${r.kind}\u0000${r.name}`, r);
      }
    }
    this.byKind = byKind;
    this.byKey = byKey;
    this.byKindName = byKindName;
    this.dirty = false;
  }
}
