// Runs the same extension-host suite (suite/index.js) in desktop VS Code via @vscode/test-electron.
// Needs internet on first use (it downloads VS Code into .vscode-test/); CI uses run-code-server.js instead.
// Usage: npm run test:vscode   (VSCODE_VERSION=stable|insiders|1.xx.y to pick the build)
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '..', '..');

runTests({
  version: process.env.VSCODE_VERSION || 'stable',
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
  // Open the examples folder; keep other installed extensions out of the way.
  launchArgs: [path.join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
}).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`VS Code tests could not run: ${e}`);
    process.exit(1);
  },
);
