// The extension in a real VS Code: diagnostics (also of unopened files, and against git HEAD), hover, inlay hints, symbols, highlights, completion, quick fixes, snippets and restart, via the vscode API.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXT_ID = 'statefulset-authoring.statefulset-authoring';
const root = path.resolve(__dirname, '..', '..', '..');
const examples = vscode.Uri.file(path.join(root, 'examples'));
const webUri = vscode.Uri.joinPath(examples, 'web.yaml');
const kindCaseUri = vscode.Uri.joinPath(examples, 'mistakes', '1-kind-case.yaml');
const pvPvcUri = vscode.Uri.joinPath(examples, 'mistakes', '3-pv-pvc.yaml');

/** Resolves with the uri's diagnostics once `ok` accepts them; waits on onDidChangeDiagnostics, never on a fixed sleep. */
function diagnosticsWhere(uri, ok, what, timeoutMs = 30000) {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === undefined || /statefulset/i.test(d.source));
  return new Promise((resolve, reject) => {
    if (ok(ours())) return resolve(ours());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what} on ${uri.fsPath}; diagnostics now: ${JSON.stringify(ours().map(describe))}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const ds = ours();
      if (ok(ds)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(ds);
      }
    });
  });
}
/** Resolves once `doc`'s text satisfies `ok`; waits on onDidChangeTextDocument, never on a fixed sleep. */
function textWhere(doc, ok, what, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    if (ok(doc.getText())) return resolve(doc.getText());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; text now: ${doc.getText().slice(0, 400)}`));
    }, timeoutMs);
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() !== doc.uri.toString() || !ok(e.document.getText())) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e.document.getText());
    });
  });
}
const codeOf = (d) => (typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code));
const describe = (d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`;
const hoverText = (hovers) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
const labelOf = (h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));

/** Which server process the client talks to, its state, and how many crashes it reported so far. */
function clientState() {
  const api = vscode.extensions.getExtension(EXT_ID).exports;
  return { pid: api?.languageClient?.serverProcess?.pid, state: api?.languageClient?.state, crashes: api?.crashNotices?.length };
}

/**
 * The quick fixes VS Code collects for a range. VS Code cancels a code-action request, and answers with an empty
 * list, when the set of code-action providers for the document changes meanwhile (another extension activating
 * on a fresh machine registers one): a few immediate re-asks get past that; a server that offers no fix still
 * fails after the last one.
 */
async function quickFixes(uri, range, wanted) {
  let actions = [];
  for (let attempt = 0; attempt < 3 && !actions.some(wanted); attempt++) {
    actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  }
  return actions;
}

async function open(uri) {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}
/** Runs `fn` with the user setting statefulset.<key> set to `value`, then removes it again (also when `fn` fails). */
async function withSetting(key, value, fn) {
  const config = vscode.workspace.getConfiguration('statefulset');
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await fn();
  } finally {
    await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
}
/** A new git repository in `repo` with one commit of `name` holding `text`; `git(...args)` runs git there. */
function committed(repo, name, text) {
  const git = (...args) => require('node:child_process').execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'ignore' });
  fs.writeFileSync(path.join(repo, name), text);
  git('init', '-q');
  git('add', name);
  git('commit', '-q', '-m', name);
  return { repo, git };
}
function positionOf(doc, needle, delta = 0, after = '') {
  const at = doc.getText().indexOf(needle, after ? doc.getText().indexOf(after) : 0);
  assert.ok(at >= 0, `${needle} not in ${doc.uri.fsPath}`);
  return doc.positionAt(at + delta);
}

suite('StatefulSet Authoring in VS Code', () => {
  suiteSetup(async () => {
    assert.ok(fs.existsSync(path.join(root, 'dist', 'server.js')), 'dist/server.js missing: run npm run build');
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `${EXT_ID} is not loaded`);
    await open(webUri); // activation event onLanguage:yaml
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  // A server that crashed or restarted mid-test answers requests with nothing (the client returns null for
  // requests pending on a closed connection). Each test notes whether the server it started with is still the
  // one; the suite fails at the end if that changed where no test meant it to (a failing teardown would skip
  // the remaining tests).
  let serverAtStart;
  const serverChanges = [];
  setup(() => {
    serverAtStart = clientState();
  });
  suiteTeardown(() => {
    assert.deepEqual(serverChanges, [], 'the language server crashed or restarted during these tests');
  });

  teardown(async function () {
    const now = clientState();
    const meant = /crashed server|Restart Server/.test(this.currentTest.title);
    if (!meant && (now.pid !== serverAtStart.pid || now.crashes !== serverAtStart.crashes)) {
      serverChanges.push(`${this.currentTest.title}: ${JSON.stringify(serverAtStart)} -> ${JSON.stringify(now)}`);
    }
    // Leave the example files as they are on disk for the next test. Only the project's files: VS Code
    // itself has the user settings.json open (and dirty) while a configuration update is written, and
    // showing that document raced with it ("another editor opened in the meantime").
    const dirtyHere = (d) => d.isDirty && d.uri.scheme === 'file' && d.uri.fsPath.startsWith(root + path.sep);
    for (const doc of vscode.workspace.textDocuments.filter(dirtyHere)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('hover on the claim template shows the PVC names Kubernetes creates', async () => {
    const doc = await open(webUri);
    const pos = positionOf(doc, 'name: www', 'name: '.length + 1, 'volumeClaimTemplates:');
    const text = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos));
    assert.match(text, /www-web-0/);
    assert.match(text, /www-web-1/);
  });

  test('the names hover links to the generated pods and PVCs, and the link opens them', async () => {
    const doc = await open(webUri);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'replicas: 2', 10));
    const md = hovers.flatMap((h) => h.contents).find((c) => typeof c !== 'string' && /command:statefulset\.showGenerated/.test(c.value));
    assert.ok(md, `hover: ${hoverText(hovers)}`);
    // VS Code runs only the commands the client trusted for these hovers.
    assert.deepEqual(md.isTrusted, { enabledCommands: ['statefulset.showGenerated'] });
    const args = JSON.parse(decodeURIComponent(/command:statefulset\.showGenerated\?([^)]+)\)/.exec(md.value)[1]));
    assert.deepEqual(args, [doc.uri.toString(), 'web']);
    const shown = await vscode.commands.executeCommand('statefulset.showGenerated', ...args);
    assert.equal(vscode.window.activeTextEditor.document.uri.toString(), shown.toString());
    assert.match(vscode.window.activeTextEditor.document.getText(), /^# What Kubernetes creates for StatefulSet web in namespace default\./);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('inlay hints show predicted pod names', async () => {
    const doc = await open(webUri);
    const hints = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
    const labels = hints.map(labelOf);
    assert.ok(labels.some((l) => l.includes('web-0')), `inlay hints: ${JSON.stringify(labels)}`);
  });

  test('Go to Symbol in Workspace finds the MySQL StatefulSet; document highlights pair serviceName and its Service', async () => {
    const mysql = await open(vscode.Uri.joinPath(examples, 'mysql.yaml'));
    const symbols = await vscode.commands.executeCommand('vscode.executeWorkspaceSymbolProvider', 'mysql');
    const sts = symbols.find((s) => s.containerName === 'StatefulSet · default');
    assert.ok(sts, `workspace symbols: ${JSON.stringify(symbols.map((s) => [s.name, s.containerName]))}`);
    assert.equal(sts.location.uri.toString(), mysql.uri.toString());
    assert.equal(mysql.getText(sts.location.range), 'mysql');
    assert.equal(sts.location.range.start.line, positionOf(mysql, 'name: mysql', 0, 'kind: StatefulSet').line);
    const web = await open(webUri);
    const highlights = await vscode.commands.executeCommand('vscode.executeDocumentHighlights', web.uri, positionOf(web, 'serviceName: nginx', 'serviceName: '.length + 1));
    assert.deepEqual(highlights.map((h) => [web.getText(h.range), h.range.start.line, h.kind]), [
      ['nginx', positionOf(web, 'name: nginx').line, vscode.DocumentHighlightKind.Write],
      ['nginx', positionOf(web, 'serviceName: nginx').line, vscode.DocumentHighlightKind.Read],
    ]);
  });

  test('the outline lists each resource with its containers, claim templates and ports, and follows an edit that moves them', async () => {
    const doc = await open(webUri);
    const outline = async () => {
      const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
      return symbols.map((s) => ({ name: s.name, at: doc.getText(s.selectionRange), line: s.selectionRange.start.line, children: s.children.map((c) => `${c.name}: ${c.detail}`) }));
    };
    const before = await outline();
    assert.deepEqual(before.map(({ line, ...rest }) => rest), [
      { name: 'Service nginx', at: 'nginx', children: ['web: 80'] },
      { name: 'StatefulSet web', at: 'web', children: ['nginx: nginx:1.27', 'www: claim template, 1Gi'] },
    ]);
    assert.equal(before[1].line, positionOf(doc, 'name: web', 0, 'kind: StatefulSet').line);
    // A label typed into the Service moves the StatefulSet's document down a line.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, positionOf(doc, '    app: nginx', 0, 'labels:'), '    tier: db\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = await outline();
    assert.deepEqual(after.map((s) => [s.name, s.at, s.line]), [['Service nginx', 'nginx', before[0].line], ['StatefulSet web', 'web', before[1].line + 1]]);
  });

  test('StatefulSet: Show Generated Pods and PVCs opens the pods and claims of the set beside it, and follows edits', async () => {
    const web = await open(webUri);
    const editor = vscode.window.activeTextEditor;
    editor.selection = new vscode.Selection(positionOf(web, 'replicas:'), positionOf(web, 'replicas:'));
    const shown = await vscode.commands.executeCommand('statefulset.showGenerated');
    assert.ok(shown, 'the command opened nothing');
    const doc = vscode.window.activeTextEditor.document;
    assert.equal(doc.uri.toString(), shown.toString());
    assert.equal(doc.uri.scheme, 'statefulset-generated');
    assert.equal(doc.languageId, 'yaml');
    assert.match(doc.getText(), /^# What Kubernetes creates for StatefulSet web in namespace default\./);
    assert.match(doc.getText(), /kind: PersistentVolumeClaim\nmetadata:\n  name: www-web-1\n/);
    assert.match(doc.getText(), /web-1\.nginx\.default\.svc\.cluster\.local/);
    assert.notEqual(vscode.window.activeTextEditor.viewColumn, vscode.window.visibleTextEditors.find((e) => e.document === web).viewColumn);
    // The view follows the manifest as it is edited: one more replica, one more pod and claim.
    const followed = textWhere(doc, (t) => /name: www-web-2\n/.test(t), 'the generated view to show www-web-2');
    const edit = new vscode.WorkspaceEdit();
    const at = positionOf(web, 'replicas: 2', 'replicas: '.length);
    edit.replace(web.uri, new vscode.Range(at, at.translate(0, 1)), '3');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await followed;
    assert.match(doc.getText(), /# Pods web-0, web-1, web-2 are created in that order/);
    assert.match(doc.getText(), /# A template change replaces web-2, web-1, web-0, highest ordinal first/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // From the explorer's context menu: a file's uri, whichever editor is active.
    const fromExplorer = await vscode.commands.executeCommand('statefulset.showGenerated', vscode.Uri.joinPath(examples, 'mysql.yaml'));
    assert.equal(vscode.window.activeTextEditor.document.uri.toString(), fromExplorer.toString());
    assert.match(vscode.window.activeTextEditor.document.getText(), /^# What Kubernetes creates for StatefulSet mysql in namespace default\./);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('a mistake typed into the clean example is reported, and undoing it clears the report', async () => {
    const doc = await open(webUri);
    const editor = vscode.window.activeTextEditor;
    const pos = positionOf(doc, 'clusterIP: None', 'clusterIP: '.length);
    await editor.edit((e) => e.replace(new vscode.Range(pos, pos.translate(0, 4)), 'none'));
    const ds = await diagnosticsWhere(doc.uri, (d) => d.some((x) => x.range.start.line === pos.line), 'a finding on clusterIP: none');
    assert.equal(ds.find((x) => x.range.start.line === pos.line).severity, vscode.DiagnosticSeverity.Error);
    await vscode.commands.executeCommand('undo');
    assert.ok(doc.getText().includes('clusterIP: None'));
    await diagnosticsWhere(doc.uri, (d) => d.length === 0, 'no findings on the clean example');
  });

  test('the kind typo is diagnosed and its quick fix removes the finding', async () => {
    const doc = await open(kindCaseUri);
    const line = positionOf(doc, 'kind: statefulSet').line;
    const [diag] = (await diagnosticsWhere(doc.uri, (d) => d.some((x) => x.range.start.line === line), 'the statefulSet finding')).filter((x) => x.range.start.line === line);
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
    const isFix = (a) => a.edit && /StatefulSet/.test(a.title);
    const actions = await quickFixes(doc.uri, diag.range, isFix);
    const fix = actions.find(isFix);
    assert.ok(fix, `no quick fix; actions: ${JSON.stringify(actions.map((a) => a.title))}; asked for ${describe(diag)}; `
      + `diagnostics now: ${JSON.stringify(vscode.languages.getDiagnostics(doc.uri).map(describe))}; document v${doc.version}${doc.isDirty ? ' (dirty)' : ''}; `
      + `server ${JSON.stringify(clientState())} (${JSON.stringify(serverAtStart)} at the start of the test)`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(line).text, 'kind: StatefulSet');
    await diagnosticsWhere(doc.uri, (d) => !d.some((x) => codeOf(x) === codeOf(diag) && x.range.start.line === line), 'the finding to disappear after the fix');
  });

  test('completion offers StatefulSet spec fields in an untitled YAML document', async () => {
    const text = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  \n';
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(5, 2));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const want of ['serviceName', 'volumeClaimTemplates', 'podManagementPolicy']) assert.ok(labels.includes(want), `${want} not offered: ${JSON.stringify(labels.slice(0, 40))}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('VS Code loaded the contributed snippets (inserted by name)', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name: 'StatefulSet with headless Service' });
    assert.match(doc.getText(), /kind: StatefulSet/);
    assert.match(doc.getText(), /clusterIP: None/);
    assert.match(doc.getText(), /serviceName: web/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a changed statefulset.clusterDomain setting reaches the server', async () => {
    const doc = await open(webUri);
    const pos = positionOf(doc, 'name: www', 'name: '.length + 1, 'volumeClaimTemplates:');
    const hover = async () => hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos));
    assert.match(await hover(), /web-0\.nginx\.default\.svc\.cluster\.local/);
    await withSetting('clusterDomain', 'example.test', async () => {
      // The server pulls the new value after didChangeConfiguration; poll the hover until it shows (or the deadline).
      let text = '';
      for (const end = Date.now() + 20000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        text = await hover();
        if (/svc\.example\.test/.test(text)) break;
      }
      assert.match(text, /web-0\.nginx\.default\.svc\.example\.test/);
    });
  });

  test('statefulset.diagnosticMode workspace reports a file that is not open, and openFilesOnly withdraws it', async () => {
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === pvPvcUri.toString()), '3-pv-pvc.yaml is open');
    assert.deepEqual(vscode.languages.getDiagnostics(pvPvcUri), []);
    await withSetting('diagnosticMode', 'workspace', async () => {
      const ds = await diagnosticsWhere(pvPvcUri, (d) => d.some((x) => codeOf(x) === 'access-modes'), 'the unopened file\'s access-modes error');
      assert.ok(ds.some((x) => codeOf(x) === 'unknown-field' && /"request".*"requests"/.test(x.message)), JSON.stringify(ds.map(describe)));
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === pvPvcUri.toString()), 'the check opened the file');
    });
    await diagnosticsWhere(pvPvcUri, (d) => d.length === 0, 'the unopened file\'s diagnostics withdrawn');
  });

  test('with statefulset.diagnosticMode workspace, opening a reported file shows its problems once (pulled), not twice', async () => {
    const pushed = () => vscode.extensions.getExtension(EXT_ID).exports.languageClient.diagnostics?.get(pvPvcUri) ?? [];
    const accessModes = (d) => d.filter((x) => codeOf(x) === 'access-modes').length;
    try {
      await withSetting('diagnosticMode', 'workspace', async () => {
        await diagnosticsWhere(pvPvcUri, (d) => accessModes(d) === 1 && pushed().length > 0, 'the unopened file\'s problems, pushed');
        await open(pvPvcUri);
        // The server withdraws what it pushed for the file; VS Code pulls the open file's own diagnostics.
        const ds = await diagnosticsWhere(pvPvcUri, (d) => pushed().length === 0 && accessModes(d) === 1, 'the opened file\'s problems, pulled, once');
        assert.ok(ds.some((x) => codeOf(x) === 'storage-request'), JSON.stringify(ds.map(describe)));
      });
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  test('statefulset.baseline gitHead: a changed serviceName is reported against the committed file, and the fix restores it', async () => {
    // A repository of its own: the test does not depend on how this checkout was made.
    const { repo } = committed(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'statefulset-git-')), 'web.yaml', fs.readFileSync(webUri.fsPath, 'utf8'));
    const isChange = (x) => codeOf(x) === 'immutable-field-changed';
    try {
      await withSetting('baseline', 'gitHead', async () => {
        const doc = await open(vscode.Uri.file(path.join(repo, 'web.yaml')));
        const editor = vscode.window.activeTextEditor;
        const pos = positionOf(doc, 'serviceName: nginx', 'serviceName: '.length);
        // The Service renamed with it (so that the restore fix is the only fix for the edit it makes).
        const svc = positionOf(doc, 'name: nginx', 'name: '.length);
        await editor.edit((e) => {
          e.replace(new vscode.Range(svc, svc.translate(0, 5)), 'web-svc');
          e.replace(new vscode.Range(pos, pos.translate(0, 5)), 'web-svc');
        });
        const [diag] = (await diagnosticsWhere(doc.uri, (d) => d.some(isChange), 'the serviceName change since HEAD')).filter(isChange);
        assert.match(diag.message, /^Changed since HEAD: serviceName changed from 'nginx' to 'web-svc'/);
        assert.equal(diag.range.start.line, pos.line);
        const isFix = (a) => a.edit && /^Restore serviceName nginx/.test(a.title);
        const fix = (await quickFixes(doc.uri, diag.range, isFix)).find(isFix);
        assert.ok(fix, 'no Restore quick fix');
        assert.ok(await vscode.workspace.applyEdit(fix.edit));
        assert.equal(doc.lineAt(pos.line).text.trim().split(' #')[0], 'serviceName: nginx');
        await diagnosticsWhere(doc.uri, (d) => !d.some(isChange), 'the change report to disappear after the fix');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      });
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  test('statefulset.baseline gitHead: after a commit of the change (VS Code reports that the git reflog changed), nothing is left to report', async () => {
    // Inside the workspace folder (examples/), where VS Code watches files: a dot-directory, which the server's
    // workspace scan skips and this repository's git ignores; its own names, so that it does not collide with the examples.
    const web = fs.readFileSync(webUri.fsPath, 'utf8').replace(/^  name: web$/m, '  name: gitweb').replace(/nginx/g, 'gitsvc');
    const { repo, git } = committed(fs.mkdtempSync(path.join(examples.fsPath, '.e2e-baseline-')), 'gitweb.yaml', web);
    const file = path.join(repo, 'gitweb.yaml');
    const isChange = (x) => codeOf(x) === 'immutable-field-changed';
    try {
      await withSetting('baseline', 'gitHead', async () => {
        const doc = await open(vscode.Uri.file(file));
        const editor = vscode.window.activeTextEditor;
        const pos = positionOf(doc, 'storage: 1Gi', 'storage: '.length);
        await editor.edit((e) => e.replace(new vscode.Range(pos, pos.translate(0, 3)), '2Gi'));
        await diagnosticsWhere(doc.uri, (d) => d.some((x) => isChange(x) && /storage request of claim template 'www' grew/.test(x.message)), 'the larger claim template since HEAD');
        // Committed behind the editor's back (no save, so no didSave): only the watched git files tell the server.
        fs.writeFileSync(file, doc.getText());
        git('commit', '-q', '-am', 'bigger volumes');
        await diagnosticsWhere(doc.uri, (d) => !d.some(isChange), 'nothing to report once the change is committed');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      });
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  test('the MySQL snippet inserted into an empty document has zero findings', async () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'statefulset.json'), 'utf8'));
    const mysql = Object.values(snippets).find((s) => [].concat(s.prefix).includes('mysql-statefulset'));
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    assert.ok(await editor.insertSnippet(new vscode.SnippetString(mysql.body.join('\n'))));
    assert.match(doc.getText(), /kind: StatefulSet/);
    assert.match(doc.getText(), /ncat --recv-only mysql-\$\(\(ordinal - 1\)\)\.mysql 3307/);
    // Zero findings only counts once the server has seen this text: a deliberate edit must be diagnosed first.
    const pos = positionOf(doc, 'clusterIP: None', 'clusterIP: '.length);
    await editor.edit((e) => e.replace(new vscode.Range(pos, pos.translate(0, 4)), 'none'));
    await diagnosticsWhere(doc.uri, (d) => d.some((x) => x.range.start.line === pos.line), 'a finding on clusterIP: none');
    await editor.edit((e) => e.replace(new vscode.Range(pos, pos.translate(0, 4)), 'None'));
    const ds = await diagnosticsWhere(doc.uri, (d) => d.length === 0, 'zero findings on the MySQL snippet');
    assert.deepEqual(ds.map(describe), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a crashed server is restarted and the user is told', async () => {
    const api = vscode.extensions.getExtension(EXT_ID).exports;
    const before = api.crashNotices.length;
    // The forked server process (node-ipc transport), as the client library exposes it.
    const server = api.languageClient.serverProcess;
    assert.ok(server && server.pid, 'the client has no server process');
    const running = new Promise((resolve) => {
      let sawStop = false;
      const sub = api.languageClient.onDidChangeState((e) => {
        if (e.newState === 1 /* Stopped */ || e.newState === 3 /* Starting */) sawStop = true;
        if (sawStop && e.newState === 2 /* Running */) {
          sub.dispose();
          resolve();
        }
      });
    });
    const states = [];
    const log = api.languageClient.onDidChangeState((e) => states.push(`${e.oldState}->${e.newState}`));
    process.kill(server.pid, 'SIGKILL');
    let timer;
    await Promise.race([running, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(
      `no restart seen; killed pid ${server.pid}; states ${JSON.stringify(states)}; notices ${JSON.stringify(api.crashNotices)}; state now ${api.languageClient.state}`)), 30000)))]);
    clearTimeout(timer);
    log.dispose();
    assert.equal(api.crashNotices.length, before + 1);
    assert.match(api.crashNotices[before], /stopped unexpectedly.*restarting/);
    const doc = await open(webUri);
    const pos = positionOf(doc, 'name: www', 'name: '.length + 1, 'volumeClaimTemplates:');
    assert.match(hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos)), /www-web-0/);
  });

  test('StatefulSet: Restart Server brings the server back', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('statefulset.restartServer'));
    await vscode.commands.executeCommand('statefulset.restartServer');
    const doc = await open(webUri);
    const pos = positionOf(doc, 'name: www', 'name: '.length + 1, 'volumeClaimTemplates:');
    const text = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos));
    assert.match(text, /www-web-0/);
  });
});
