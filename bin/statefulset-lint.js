#!/usr/bin/env node
// Launcher for the statefulset-lint command: dist/cli.js (npm run build) loads the checker, bundled in dist/cli-main.js.
'use strict';
try {
  require('../dist/cli.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /dist[\\/]cli\.js/.test(String(e.message))) {
    process.stderr.write('statefulset-lint: dist/cli.js is missing; run `npm run build` first.\n');
    process.exit(2);
  }
  throw e;
}
