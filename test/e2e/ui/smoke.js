// UI smoke test in a real VS Code (code-server + chromium) with the packaged .vsix installed: Problems panel,
// quick-fix menu, inlay hints, hover widget, status bar and the generated pods and PVCs, with screenshots in
// test-artifacts/screenshots/.
// Usage: node test/e2e/ui/smoke.js <file.vsix>   (UPDATE_README_SCREENSHOT=1 also writes docs/screenshot.png)
const fs = require('node:fs');
const path = require('node:path');
const { startCodeServer } = require('../lib/code-server');
const { launch } = require('../lib/browser');

const root = path.resolve(__dirname, '..', '..', '..');
const artifacts = path.join(root, 'test-artifacts');
const shots = path.join(artifacts, 'screenshots');
const t0 = Date.now();
const lap = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

/** A hover needs a real mouse move onto the token; a re-render (inlay hints arriving) can swallow it, so retry. */
async function hoverUntil(page, target, widget, tries = 6) {
  for (let i = 0; ; i++) {
    await page.mouse.move(5, 5);
    await target.hover();
    try {
      await widget.waitFor({ state: 'visible', timeout: 5000 });
      return;
    } catch (e) {
      if (i === tries - 1) throw e;
    }
  }
}

async function openFromExplorer(page, names) {
  for (const name of names) {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^\\s*${name.replace(/\./g, '\\.')}\\s*$`) });
    await row.first().waitFor({ timeout: 60000 });
    await row.first().click();
  }
}

async function main() {
  const vsix = process.argv[2];
  if (!vsix || !fs.existsSync(vsix)) throw new Error(`usage: smoke.js <file.vsix> (got ${vsix})`);
  fs.mkdirSync(shots, { recursive: true });
  const cs = await startCodeServer({ vsix: path.resolve(vsix), logDir: path.join(artifacts, 'code-server-ui') });
  lap(`code-server ready with ${path.basename(vsix)} installed`);
  let browser;
  let page;
  try {
    browser = await launch();
    page = browser.page;
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(path.join(root, 'examples'))}`, { waitUntil: 'domcontentloaded', timeout: 120000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 120000 });
    lap('workbench loaded');

    // 1. A file with a mistake: the Problems panel lists our diagnostic.
    await openFromExplorer(page, ['mistakes', '1-kind-case.yaml']);
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines', { hasText: 'statefulSet' }).waitFor({ timeout: 60000 });
    await editor.click({ position: { x: 300, y: 10 } });
    await page.keyboard.press('Control+Shift+M');
    const markers = page.locator('.markers-panel');
    await markers.filter({ hasText: /Unknown\s+kind\s+.statefulSet/ }).waitFor({ timeout: 90000 });
    lap('Problems panel shows the unknown-kind error');
    await page.locator('.statusbar-item', { hasText: 'StatefulSet' }).first().waitFor({ timeout: 30000 });
    lap('status bar item present');
    await page.screenshot({ path: path.join(shots, '01-problems.png') });

    // 2. Quick fix from the editor's lightbulb menu (Ctrl+.), then the finding goes away.
    // (editor lines render spaces as U+00A0, which \s matches)
    await editor.locator('.view-line', { hasText: /^\s*kind:\s+statefulSet/ }).locator('span span', { hasText: /^statefulSet$/ }).first().click();
    await page.mouse.move(700, 880); // a hover widget under the mouse would swallow the keybinding
    await page.keyboard.press('Escape');
    const fixRow = page.locator('.action-widget .monaco-list-row', { hasText: 'StatefulSet' });
    for (let i = 0; ; i++) {
      await page.keyboard.press('Control+.');
      try {
        await fixRow.first().waitFor({ state: 'visible', timeout: 6000 });
        break;
      } catch (e) {
        if (i === 4) throw e;
        await page.keyboard.press('Escape');
      }
    }
    await page.screenshot({ path: path.join(shots, '02-quick-fix-menu.png') });
    await fixRow.first().click();
    await editor.locator('.view-line', { hasText: 'kind: StatefulSet' }).first().waitFor({ timeout: 30000 });
    await markers.filter({ hasNotText: /Unknown\s+kind\s+.statefulSet/ }).waitFor({ timeout: 60000 });
    lap('quick fix applied, finding gone');
    await page.screenshot({ path: path.join(shots, '03-after-quick-fix.png') });
    await page.keyboard.press('Control+Z'); // back to the file on disk (never saved); the error returns
    await markers.filter({ hasText: /Unknown\s+kind\s+.statefulSet/ }).waitFor({ timeout: 60000 });

    // 3. The clean example: inlay hints with predicted names, hover on the claim template.
    await openFromExplorer(page, ['web.yaml']);
    const web = page.locator('.editor-instance .monaco-editor').first();
    const replicasLine = web.locator('.view-line', { hasText: 'replicas: 2' }).first();
    await replicasLine.waitFor({ timeout: 60000 });
    await web.locator('.view-line', { hasText: /replicas:\s+2.*web-0/ }).first().waitFor({ timeout: 60000 });
    const inlay = (await replicasLine.innerText()).replace(/\u00a0/g, ' ');
    lap(`inlay hint on the replicas line: ${JSON.stringify(inlay)}`);

    // Scroll so the claim template is visible, then hover its name.
    await web.locator('.view-line', { hasText: 'spec:' }).first().click();
    await page.keyboard.press('Control+End');
    const claimLine = web.locator('.view-line', { hasText: /^\s*name:\s+www/ }).filter({ hasNotText: '#' }).first();
    await claimLine.waitFor({ timeout: 30000 });
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'www-web-0' });
    await hoverUntil(page, claimLine.locator('span span', { hasText: /^www$/ }).first(), hover);
    const hoverText = (await hover.first().innerText()).trim();
    lap(`hover shows: ${JSON.stringify(hoverText.slice(0, 200))}`);
    await hover.first().locator('a', { hasText: 'Show generated pods and PVCs' }).waitFor({ timeout: 10000 });
    lap('hover links to the generated pods and PVCs');
    await page.screenshot({ path: path.join(shots, '04-hover-predicted-names.png') });
    if (process.env.UPDATE_README_SCREENSHOT) {
      fs.copyFileSync(path.join(shots, '04-hover-predicted-names.png'), path.join(root, 'docs', 'screenshot.png'));
      lap('docs/screenshot.png updated');
    }
    // 4. The command palette's "StatefulSet: Show Generated Pods and PVCs" opens the generated YAML beside it.
    await page.keyboard.press('Escape');
    await web.locator('.view-line', { hasText: /^\s*name:\s+www/ }).filter({ hasNotText: '#' }).first().click();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30000 });
    await input.fill('>StatefulSet: Show Generated Pods');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Generated Pods and PVCs' }).first().waitFor({ timeout: 30000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: 'web.generated.yaml' }).first().waitFor({ timeout: 30000 });
    const generated = page.locator('.editor-instance .monaco-editor', { hasText: 'What Kubernetes creates' }).first();
    // The first pod's name (its hostname may sit below the fold, under the header and its labels).
    await generated.locator('.view-line', { hasText: /^\s*name:\s+web-0\s*$/ }).first().waitFor({ timeout: 30000 });
    lap('Show Generated Pods and PVCs opened web.generated.yaml with pod web-0');
    await page.screenshot({ path: path.join(shots, '05-generated-pods-and-pvcs.png') });

    if (browser.external.length) lap(`blocked external requests: ${JSON.stringify([...new Set(browser.external)])}`);
    if (pageErrors.length) lap(`page errors: ${JSON.stringify(pageErrors.slice(0, 5))}`);
    fs.writeFileSync(path.join(artifacts, 'ui-results.json'), JSON.stringify({ inlay, hoverText, external: browser.external, pageErrors }, null, 2));
    lap('UI smoke test passed');
  } catch (e) {
    if (page) await page.screenshot({ path: path.join(shots, 'failure.png') }).catch(() => {});
    throw e;
  } finally {
    if (browser) await browser.close();
    await cs.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error('FAILED:', e);
    process.exit(1);
  },
);
