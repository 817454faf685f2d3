// Runs the extension-host suite (suite/index.js) inside a real VS Code served by code-server, with this
// repository as extensionDevelopmentPath; the exit code is the suite's. Usage: node test/e2e/run-code-server.js
const path = require('node:path');
const fs = require('node:fs');
const { startCodeServer } = require('./lib/code-server');
const { launch } = require('./lib/browser');

const root = path.resolve(__dirname, '..', '..');
const artifacts = path.join(root, 'test-artifacts');
const TIMEOUT_MS = Number(process.env.E2E_SUITE_TIMEOUT_MS || 240000);

/** A suite file that does not parse makes the extension host exit silently: say why before starting anything. */
function checkSyntax() {
  const vm = require('node:vm');
  const dir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    try {
      new vm.Script(fs.readFileSync(path.join(dir, f), 'utf8'), { filename: path.join(dir, f) });
    } catch (e) {
      console.error(`${path.join('test/e2e/suite', f)} does not parse: ${e.stack}`);
      process.exit(1);
    }
  }
}

async function main() {
  const t0 = Date.now();
  checkSyntax();
  fs.mkdirSync(artifacts, { recursive: true });
  const cs = await startCodeServer({ logDir: path.join(artifacts, 'code-server-suite') });
  let browser;
  try {
    console.log(`code-server ready at ${cs.url} after ${Date.now() - t0} ms`);
    browser = await launch();
    const { page } = browser;
    const lines = [];
    page.on('console', (m) => {
      // Extension-host output arrives in the workbench console as "%c[Extension Host] %c<text>".
      const t = m.text().replace(/%c/g, '');
      const at = t.indexOf('E2E ');
      if (at >= 0) {
        const line = t.slice(at).replace(/\s*color: [^)]*$/, '');
        console.log(line);
        lines.push(line);
      } else if (m.type() === 'error' && /statefulset-authoring|StatefulSet Authoring/.test(t)) console.log(`[workbench error] ${t.slice(0, 2000)}`);
    });
    // The smoke-test driver option makes the web workbench honour `payload`: the same two paths
    // @vscode/test-electron passes on the command line.
    const host = new URL(cs.url).host;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${host}${root}`],
      ['extensionTestsPath', `vscode-remote://${host}${path.join(__dirname, 'suite', 'index.js')}`],
    ]);
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(path.join(root, 'examples'))}&payload=${encodeURIComponent(payload)}`, { waitUntil: 'domcontentloaded', timeout: 120000 });
    let timer;
    const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), TIMEOUT_MS)))]);
    clearTimeout(timer);
    if (code !== 0) {
      await page.screenshot({ path: path.join(artifacts, 'suite-failure.png') }).catch(() => {});
      reportServerLog(cs.profile);
    }
    console.log(`extension-host suite exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (!lines.some((l) => l.startsWith('E2E done'))) console.log('the suite did not report completion: see test-artifacts/code-server-suite/code-server.log');
    if (browser.external.length) console.log(`blocked external requests: ${JSON.stringify([...new Set(browser.external)])}`);
    return code === 0 ? 0 : 1;
  } finally {
    if (browser) await browser.close();
    await cs.stop();
  }
}

/** After a failure: keeps the extension's output channel (the language server's log) and prints its end. */
function reportServerLog(profile) {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/StatefulSet Authoring.*\.log$/.test(e.name)) found.push(p);
    }
  };
  try {
    walk(path.join(profile, 'user-data', 'logs'));
  } catch {
    // no logs written
  }
  if (!found.length) return console.log('no server log found in the code-server profile');
  const text = found.map((f) => `=== ${path.relative(profile, f)}\n${fs.readFileSync(f, 'utf8')}`).join('\n');
  fs.writeFileSync(path.join(artifacts, 'suite-server.log'), text);
  console.log('--- end of the server log (all of it: test-artifacts/suite-server.log):');
  console.log(text.split('\n').slice(-60).join('\n'));
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error('FAILED:', e);
    process.exit(1);
  },
);
