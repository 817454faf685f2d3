// File-system access of the server (the core never touches fs): workspace scan and single reads.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const YAML_FILE = /\.ya?ml$/i;

export function isYamlPath(p: string): boolean {
  return YAML_FILE.test(p);
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** Lists YAML files under `root` (skipping VCS and node_modules dirs and symlinked dirs), without reading them. */
export async function listYamlFiles(root: string, log: (m: string) => void, maxFiles = 50_000): Promise<string[]> {
  const out: string[] = [];
  const stack = [root];
  while (stack.length && out.length < maxFiles) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      log(`skipped directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    for (const ent of entries) {
      if (ent.isDirectory()) {
        if (!SKIP_DIRS.has(ent.name)) stack.push(join(dir, ent.name));
      } else if (ent.isFile() && YAML_FILE.test(ent.name)) out.push(join(dir, ent.name));
    }
  }
  return out.sort();
}

/** Reads a YAML file as text, or undefined (with a log line) when it is missing, unreadable or larger than maxBytes. */
export async function readYamlFile(path: string, maxBytes: number, log: (m: string) => void): Promise<string | undefined> {
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) return undefined;
    if (st.size > maxBytes) {
      log(`skipped ${path}: ${st.size} bytes is over the limit of ${maxBytes}`);
      return undefined;
    }
    return await fs.readFile(path, 'utf8');
  } catch (e) {
    log(`skipped ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return undefined;
  }
}
