// A file's committed version, for statefulset.baseline "gitHead" (off by default: this is the only place the
// server runs a program). It runs `git cat-file`, which prints a stored blob: no hooks, filters, pager or
// file-system monitor run for it (the monitor is also turned off explicitly).
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';

/** How long one read may take before it counts as no baseline. */
const TIMEOUT_MS = 5000;

/**
 * The text of the file at `path` as committed at HEAD of its repository; undefined when there is none (not in a
 * repository, not committed, larger than `maxBytes`, git missing or failing). Never rejects.
 */
export function headText(path: string, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', '-C', dirname(path), 'cat-file', 'blob', `HEAD:./${basename(path)}`],
      // Git's own prompts and pagers stay off; the output is the blob, bounded by the file size limit.
      { timeout: TIMEOUT_MS, maxBuffer: maxBytes, encoding: 'utf8', windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' } },
      (err, stdout) => resolve(err ? undefined : stdout.replace(/^\uFEFF/, '')),
    );
  });
}
