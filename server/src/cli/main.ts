// The statefulset-lint command (bundled to dist/cli-main.js, which dist/cli.js runs: cli/boot.ts): wires runCli to the real process.
import { readFileSync } from 'node:fs';
import { EXIT_USAGE, runCli } from './run';
import { version } from '../../../package.json';

// yaml's lexer reads process.env.LOG_TOKENS per token; a plain object is much cheaper to read than the env proxy.
process.env = { ...process.env };

// Output goes through one buffered write per stream: many small writes to a pipe are slow.
let out = '';
let err = '';
let code: number;
try {
  code = runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => { out += s; },
    stderr: (s) => { err += s; },
    readStdin: () => readFileSync(0, 'utf8'),
    version,
  });
} catch (e) {
  err += `statefulset-lint: internal error: ${(e as Error)?.stack ?? String(e)}\n`;
  code = EXIT_USAGE;
}
// A reader that stops early (`| head`) is not an error of ours: keep the exit code, drop the rest.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(code);
  throw e;
});
if (err) process.stderr.write(err);
if (out) process.stdout.write(out);
process.exitCode = code;
