// git for the tests of statefulset.baseline: whether it is installed, and running it in a repository of a test's own.
import { execFileSync } from 'node:child_process';

/** Whether a `git` program can be run here (the tests that need one are skipped, with the reason, otherwise). */
export const gitWorks = ((): boolean => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Runs git in `dir` with a committer identity of its own and no signing (the machine's git config has neither for sure). */
export function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'ignore' });
}
