// A file's committed version, for statefulset.baseline "gitHead" (off by default: this is the only place the
// server runs a program). It runs `git cat-file`, which prints a stored blob: no hooks, filters, pager or
// file-system monitor run for it (the monitor is also turned off explicitly). At most a few run at once: an
// editor that restores many open files, or the setting turned on, would otherwise start one per file at once.
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';

/** How long one read may take before it counts as no baseline. */
const TIMEOUT_MS = 5000;

/** Runs the tasks given to it with at most `max` of them in progress; the others wait in order. */
export function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its place to the next waiting one, so no new arrival can slip in between.
    if (running < max) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

const reads = limiter(4);

/**
 * The text of the file at `path` as committed at HEAD of its repository; undefined when there is none (not in a
 * repository, not committed, larger than `maxBytes`, git missing or failing). Never rejects.
 */
export function headText(path: string, maxBytes: number): Promise<string | undefined> {
  return reads(() => new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', '-C', dirname(path), 'cat-file', 'blob', `HEAD:./${basename(path)}`],
      // Git's own prompts and pagers stay off; the output is the blob, bounded by the file size limit.
      { timeout: TIMEOUT_MS, maxBuffer: maxBytes, encoding: 'utf8', windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' } },
      (err, stdout) => resolve(err ? undefined : stdout.replace(/^\uFEFF/, '')),
    );
  }));
}
