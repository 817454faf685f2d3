// Turns the command-line paths into the list of YAML texts to check (the only module that reads files).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Input {
  /** Shown in output: relative to the working directory, `<stdin>` for standard input. */
  display: string;
  /** Key in the Project (a file URL, or `stdin:` for standard input). */
  uri: string;
  text: string;
}

/** What went wrong with one argument; the run stops with exit code 2. */
export class InputError extends Error {}

const YAML_EXT = new Set(['.yaml', '.yml']);

/** Reads every argument; collects all problems before failing so the user sees them at once. */
export function readInputs(paths: readonly string[], cwd: string, readStdin: () => string): Input[] {
  const out: Input[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  let stdinUsed = false;
  for (const p of paths) {
    if (p === '-') {
      if (stdinUsed) {
        problems.push('standard input (-) given more than once');
        continue;
      }
      stdinUsed = true;
      try {
        out.push({ display: '<stdin>', uri: 'stdin:', text: stripBom(readStdin()) });
      } catch (e) {
        problems.push(`cannot read standard input: ${(e as Error).message}`);
      }
      continue;
    }
    const abs = resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      problems.push(`${p}: ${reason(e)}`);
      continue;
    }
    const files: string[] = [];
    if (isDir) {
      try {
        walk(abs, files);
      } catch (e) {
        problems.push(`${p}: ${reason(e)}`);
        continue;
      }
      if (!files.length) {
        problems.push(`${p}: directory contains no .yaml or .yml files`);
        continue;
      }
    } else if (!YAML_EXT.has(extname(abs).toLowerCase())) {
      problems.push(`${p}: not a YAML file (expected a .yaml or .yml extension)`);
      continue;
    } else files.push(abs);
    for (const f of files) {
      if (seen.has(f)) continue;
      seen.add(f);
      try {
        out.push({ display: relative(cwd, f) || f, uri: pathToFileURL(f).href, text: stripBom(readFileSync(f, 'utf8')) });
      } catch (e) {
        problems.push(`${relative(cwd, f) || f}: ${reason(e)}`);
      }
    }
  }
  if (problems.length) throw new InputError(problems.join('\n'));
  return out;
}

/** Recursive, sorted for stable output; skips node_modules and dot-directories, does not follow directory symlinks. */
function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      walk(p, out);
    } else if (YAML_EXT.has(extname(e.name).toLowerCase())) {
      if (e.isFile()) out.push(p);
      else if (e.isSymbolicLink()) {
        try {
          if (statSync(p).isFile()) out.push(p);
        } catch {
          // A dangling link inside a directory is skipped, not fatal.
        }
      }
    }
  }
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (e as Error)?.message ?? String(e);
}
