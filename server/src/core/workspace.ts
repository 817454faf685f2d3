// The set of resources the engine knows about, from open and unopened files alike.
// Pure data: the LSP layer and the CLI decide which files go in.
import { namespaceOf, type FileModel, type Resource } from './model';

export class ResourceIndex {
  private readonly files = new Map<string, FileModel>();
  private byKind = new Map<string, Resource[]>();
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

  /** Resources of `kind` named `name` in namespace `ns` (several means a duplicate). */
  find(kind: string, ns: string, name: string, defaultNamespace: string): Resource[] {
    return this.ofKind(kind).filter((r) => r.name === name && namespaceOf(r, defaultNamespace) === ns);
  }

  private rebuild(): void {
    const m = new Map<string, Resource[]>();
    for (const f of this.files.values()) {
      for (const r of f.resources) {
        if (!r.kind) continue;
        const list = m.get(r.kind);
        if (list) list.push(r);
        else m.set(r.kind, [r]);
      }
    }
    this.byKind = m;
    this.dirty = false;
  }
}
