// Extension-host entry (extensionTestsPath): runs the mocha suite inside VS Code, for code-server and @vscode/test-electron alike.
const path = require('node:path');
const Mocha = require('mocha');

/** One line per test, prefixed so the browser launcher can pick them out of the workbench console. */
function LineReporter(runner) {
  const t0 = Date.now();
  runner.on('pass', (t) => console.log(`E2E ok   ${t.fullTitle()} (${t.duration} ms)`));
  runner.on('fail', (t, err) => console.log(`E2E FAIL ${t.fullTitle()}: ${err && err.stack ? err.stack : err}`));
  runner.on('end', () => console.log(`E2E done: ${runner.stats.passes} passed, ${runner.stats.failures} failed in ${Date.now() - t0} ms`));
}

exports.run = function run() {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, reporter: LineReporter, color: false });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
};
