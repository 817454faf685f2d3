// Runs node:test over TypeScript test files (through tsx). Usage: node scripts/run-tests.mjs [dir-or-file...]
// Node 20's --test has no glob support, so the files are listed here.
import { readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit', 'test/protocol'];
const files = [];
const walk = (d) => {
  for (const n of readdirSync(d).sort()) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.test\.ts$/.test(n)) files.push(p);
  }
};
for (const d of dirs) {
  if (statSync(d).isDirectory()) walk(d);
  else files.push(d);
}
if (!files.length) {
  console.error(`no test files under ${dirs.join(', ')}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
