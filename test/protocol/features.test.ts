// Hover, inlay hints, code lenses, document symbols and highlights through the protocol.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient, hintLabel, hoverText, position } from './helpers/client';
import { PAIR, STATEFULSET } from './helpers/manifests';

describe('hover, inlay hints and symbols', () => {
  let client: TestClient;
  const uri = 'file:///virtual/pair.yaml';
  before(async () => {
    client = await TestClient.start();
    const v = client.open(uri, PAIR);
    await client.waitForDiagnostics(uri, v);
  });
  after(async () => {
    await client.stop();
  });

  it('hover on replicas shows the predicted pods, PVCs and DNS names', async () => {
    const h = await client.hover(uri, position(PAIR, 'replicas: 3', 10));
    const text = hoverText(h);
    for (const name of ['web-0', 'web-2', 'www-web-0', 'www-web-2', 'web-0.nginx.default.svc.cluster.local', 'nginx.default.svc.cluster.local']) {
      assert.ok(text.includes(name), `${name} missing in:\n${text}`);
    }
    assert.ok(text.includes('_web._tcp.nginx.default.svc.cluster.local'), text);
    assert.equal((h!.contents as { kind: string }).kind, 'markdown');
    const at = position(PAIR, 'replicas: 3', 10);
    assert.deepEqual(h!.range, { start: at, end: { line: at.line, character: at.character + 1 } });
  });

  it('hover on serviceName and the claim template name shows the same table', async () => {
    for (const [needle, delta, occurrence] of [['serviceName: nginx', 14, 0], ['name: www', 7, 1], ['name: web\nspec', 7, 0]] as const) {
      const text = hoverText(await client.hover(uri, position(PAIR, needle, delta, occurrence)));
      assert.ok(text.includes('www-web-0') && text.includes('web-0.nginx.default.svc.cluster.local'), `${needle}:\n${text}`);
    }
  });

  it('hover on a Service name lists the StatefulSets it governs', async () => {
    const text = hoverText(await client.hover(uri, position(PAIR, 'name: nginx', 7)));
    assert.ok(text.includes('web') && text.includes('web-0.nginx.default.svc.cluster.local'), text);
  });

  it('hover on an update strategy says what a template change replaces in this set', async () => {
    const staged = 'file:///virtual/staged.yaml';
    const text = PAIR.replace('  replicas: 3\n', '  replicas: 3\n  updateStrategy:\n    rollingUpdate:\n      partition: 2\n');
    await client.waitForDiagnostics(staged, client.open(staged, text));
    const md = hoverText(await client.hover(staged, position(text, 'partition: 2', 2)));
    assert.match(md, /For `web`.*: A template change replaces web-2\. web-0, web-1 keep the current revision, even when deleted \(partition 2\)\./, md);
    client.close(staged);
  });

  it('hover on an ordinary field shows its schema documentation', async () => {
    const text = hoverText(await client.hover(uri, position(PAIR, 'accessModes', 2)));
    assert.match(text, /accessModes/);
    assert.ok(text.length > 'accessModes'.length + 10, text);
  });

  it('hover on nothing returns null', async () => {
    assert.equal(await client.hover(uri, { line: 200, character: 0 }), null);
  });

  it('inlay hints after replicas, the claim template name and serviceName', async () => {
    const hints = (await client.inlayHints(uri)) ?? [];
    const labels = hints.map(hintLabel);
    assert.ok(labels.includes('web-0 … web-2'), labels.join(' | '));
    assert.ok(labels.includes('www-web-0 … www-web-2'), labels.join(' | '));
    assert.ok(labels.some((l) => l.startsWith('web-0.nginx.default.svc.cluster.local')), labels.join(' | '));
    const replicas = hints.find((h) => hintLabel(h) === 'web-0 … web-2')!;
    const at = position(PAIR, 'replicas: 3', 11);
    assert.deepEqual(replicas.position, at);
  });

  it('inlay hints are limited to the requested range', async () => {
    const line = position(PAIR, 'replicas: 3').line;
    const hints = (await client.inlayHints(uri, { start: { line, character: 0 }, end: { line, character: 20 } })) ?? [];
    assert.deepEqual(hints.map(hintLabel), ['web-0 … web-2']);
  });

  it('document symbols: one per resource with containers and claim templates as children', async () => {
    const symbols = (await client.documentSymbols(uri)) ?? [];
    assert.deepEqual(symbols.map((s) => s.name), ['Service nginx', 'StatefulSet web']);
    const sts = symbols[1];
    assert.deepEqual(sts.children.map((c: { name: string }) => c.name), ['nginx', 'www']);
    assert.equal(sts.selectionRange.start.line, position(PAIR, 'name: web\nspec').line);
    assert.ok(sts.range.start.line <= sts.selectionRange.start.line && sts.range.end.line >= position(PAIR, 'storage: 1Gi').line);
  });

  it('document highlights: the Service name and the serviceName naming it; a claim template and its mount', async () => {
    assert.ok(client.initializeResult.capabilities.documentHighlightProvider);
    const range = (needle: string, delta: number, length: number) => {
      const start = position(PAIR, needle, delta);
      return { start, end: { line: start.line, character: start.character + length } };
    };
    const svc = await client.documentHighlights(uri, position(PAIR, 'serviceName: nginx', 'serviceName: '.length + 1));
    // DocumentHighlightKind: 2 read (a reference), 3 write (the declaration).
    assert.deepEqual(svc, [{ range: range('name: nginx', 6, 5), kind: 3 }, { range: range('serviceName: nginx', 13, 5), kind: 2 }]);
    const www = await client.documentHighlights(uri, position(PAIR, '- name: www', 8));
    assert.deepEqual(www?.map((h) => [h.range.start.line, h.kind]), [[position(PAIR, '- name: www').line, 2], [position(PAIR, 'name: www', 0, 1).line, 3]]);
    assert.deepEqual(await client.documentHighlights(uri, position(PAIR, 'replicas: 3', 1)), []);
  });

  it('workspace/executeCommand statefulset.generatedResources answers with the pods and PVCs as YAML', async () => {
    assert.deepEqual(client.initializeResult.capabilities.executeCommandProvider?.commands, ['statefulset.generatedResources']);
    const run = (args: unknown[]) => client.request<{ title: string; text: string; sets: string[]; of: number } | null>('workspace/executeCommand', { command: 'statefulset.generatedResources', arguments: args });
    const g = await run([uri, position(PAIR, 'replicas: 3')]);
    assert.equal(g?.title, 'web.generated.yaml');
    assert.deepEqual([g?.sets, g?.of], [['web'], 1]);
    assert.equal((await run([uri, 'web']))?.text, g?.text);
    assert.equal(await run([uri, 'db']), null);
    assert.match(g!.text, /^# What Kubernetes creates for StatefulSet web in namespace default\./);
    assert.match(g!.text, /kind: PersistentVolumeClaim\nmetadata:\n  name: www-web-2\n/);
    assert.match(g!.text, /# {3}- web-2\.nginx\.default\.svc\.cluster\.local\n/);
    // Bad arguments and unknown documents answer null; the server keeps serving.
    for (const args of [[], [42], ['file:///virtual/none.yaml'], [uri, { line: -1 }]]) {
      const r = await run(args);
      assert.ok(r === null || (args.length === 2 && r?.sets[0] === 'web'), JSON.stringify([args, r]));
    }
    assert.equal(await client.request('workspace/executeCommand', { command: 'statefulset.nope', arguments: [uri] }), null);
    assert.ok(await client.hover(uri, position(PAIR, 'replicas: 3', 10)));
    // A whole file of many StatefulSets (no set under the position): the first 20, and a note naming the rest.
    const many = 'file:///virtual/many.yaml';
    const text = Array.from({ length: 30 }, (_, i) => STATEFULSET.replace('name: web', `name: s${i}`)).join('---\n');
    await client.waitForDiagnostics(many, client.open(many, text));
    const whole = await client.request<{ sets: string[]; of: number; whole: boolean; text: string } | null>('workspace/executeCommand', { command: 'statefulset.generatedResources', arguments: [many] });
    assert.deepEqual([whole?.sets.length, whole?.of, whole?.whole], [20, 30, true]);
    assert.match(whole!.text, /^# The file has 30 StatefulSets: the first 20 are shown\. Not shown: s20, s21/);
  });

  it('links the names hover to the generated view only for a client that asked for that command link', async () => {
    assert.doesNotMatch(hoverText(await client.hover(uri, position(PAIR, 'replicas: 3', 10))), /command:/);
    const linking = await TestClient.start({ initializationOptions: { commandLinks: ['statefulset.showGenerated'] } });
    try {
      const v = linking.open(uri, PAIR);
      await linking.waitForDiagnostics(uri, v);
      const text = hoverText(await linking.hover(uri, position(PAIR, 'replicas: 3', 10)));
      const link = /\[Show generated pods and PVCs\]\(command:statefulset\.showGenerated\?([^)]+)\)/.exec(text);
      assert.ok(link, text);
      assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [uri, 'web']);
      // Only on the names hover of a StatefulSet: not on a field's documentation.
      assert.doesNotMatch(hoverText(await linking.hover(uri, position(PAIR, 'containerPort', 3))), /command:/);
    } finally {
      await linking.stop();
    }
  });

  it('offers no code lenses to a client that shows inlay hints', () => {
    assert.ok(client.initializeResult.capabilities.inlayHintProvider);
    assert.equal(client.initializeResult.capabilities.codeLensProvider, undefined);
  });
});

describe('code lenses for clients without inlay hints', () => {
  let client: TestClient;
  after(async () => {
    await client?.stop();
  });

  it('shows the predicted names as code lenses', async () => {
    client = await TestClient.start({ noInlayHints: true });
    assert.ok(client.initializeResult.capabilities.codeLensProvider);
    assert.equal(client.initializeResult.capabilities.inlayHintProvider, undefined);
    const uri = 'file:///virtual/sts.yaml';
    client.open(uri, STATEFULSET);
    const lenses = (await client.codeLenses(uri)) ?? [];
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('pods: web-0 … web-2'), titles.join(' | '));
    assert.ok(titles.includes('PVCs: www-web-0 … www-web-2'), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('DNS: web-0.nginx.default.svc.cluster.local')), titles.join(' | '));
  });
});
