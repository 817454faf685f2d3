import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Project } from '../../server/src/core/project';
import { codeActions, type CodeActionEntry } from '../../server/src/core/features/codeActions';
import type { Finding, TextEdit } from '../../server/src/core/types';

const URI = 'file:///ws/app.yaml';

function at(text: string, needle: string, nth = 0): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`needle not found: ${needle}`);
  }
  return i;
}

function applyEdits(text: string, edits: TextEdit[], uri = URI): string {
  const mine = edits.filter((e) => e.uri === uri).sort((a, b) => b.start - a.start || b.end - a.end);
  return mine.reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

function actionsAt(p: Project, text: string, needle: string, nth = 0): CodeActionEntry[] {
  const o = at(text, needle, nth) + 1;
  return codeActions(p, URI, { start: o, end: o }, p.findings(URI));
}

function codes(p: Project, uri = URI): string[] {
  return p.findings(uri).map((f) => f.code);
}

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  servicName: web
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: a
        image: nginx
        imagePullPolicy: always
        ports:
        - name: http
          containerPort: 80
      - name: b
        image: nginx
        imagePullPolicy: always
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        limits: {}
`;

test('the fixes of the findings under the cursor come back, and applying one clears its finding', () => {
  const p = new Project();
  p.setFile(URI, STS);
  assert.ok(codes(p).includes('unknown-field'));
  const acts = actionsAt(p, STS, 'servicName');
  const rename = acts.find((a) => a.findingCodes.includes('unknown-field'));
  assert.ok(rename, JSON.stringify(acts.map((a) => a.title)));
  assert.equal(rename.kind, 'quickfix');
  assert.equal(rename.isPreferred, true);
  const fixed = applyEdits(STS, rename.edits);
  p.setFile(URI, fixed);
  assert.ok(!p.findings(URI).some((f) => f.code === 'unknown-field' && f.start === at(STS, 'servicName')), JSON.stringify(codes(p)));
});

test('findings away from the range contribute nothing', () => {
  const p = new Project();
  p.setFile(URI, STS);
  const acts = actionsAt(p, STS, 'replicas');
  assert.ok(!acts.some((a) => a.findingCodes.includes('unknown-field') || a.findingCodes.includes('invalid-enum')), JSON.stringify(acts.map((a) => a.title)));
});

test('fix all of a kind combines the preferred fixes of every such finding in the file', () => {
  const p = new Project();
  p.setFile(URI, STS);
  const acts = actionsAt(p, STS, 'always');
  const single = acts.filter((a) => a.findingCodes.includes('invalid-enum') && !a.title.startsWith('Fix all'));
  assert.equal(single.length, 1, 'only the finding under the cursor gets a single fix');
  const all = acts.find((a) => a.title.startsWith("Fix all 'invalid-enum'"));
  assert.ok(all, JSON.stringify(acts.map((a) => a.title)));
  assert.equal(all.edits.length, 2);
  const fixed = applyEdits(STS, all.edits);
  assert.equal(fixed.split('imagePullPolicy: Always').length - 1, 2);
  p.setFile(URI, fixed);
  assert.ok(!codes(p).includes('invalid-enum'));
});

test('no fix all for a single finding of its kind', () => {
  const p = new Project();
  p.setFile(URI, STS);
  assert.ok(!actionsAt(p, STS, 'servicName').some((a) => a.title.startsWith("Fix all 'unknown-field'")));
});

test('identical fixes from several findings become one action naming every code', () => {
  const p = new Project();
  p.setFile(URI, 'kind: ConfigMap\n');
  const edit = { uri: URI, start: 0, end: 0, newText: 'apiVersion: v1\n' };
  const findings: Finding[] = [
    { uri: URI, code: 'a-code', severity: 'error', message: 'a', start: 0, end: 4, fixes: [{ title: 'Add apiVersion', edits: [edit] }] },
    { uri: URI, code: 'b-code', severity: 'error', message: 'b', start: 0, end: 4, fixes: [{ title: 'Add apiVersion: v1', edits: [edit] }] },
  ];
  const acts = codeActions(p, URI, { start: 1, end: 1 }, findings).filter((a) => a.kind === 'quickfix');
  assert.equal(acts.length, 1);
  assert.deepEqual(acts[0].findingCodes, ['a-code', 'b-code']);
});

test('findings passed without their fixes (rebuilt from diagnostics) get them back', () => {
  const p = new Project();
  p.setFile(URI, STS);
  const bare = p.findings(URI).map(({ fixes: _fixes, ...f }) => f);
  const o = at(STS, 'servicName') + 2;
  const acts = codeActions(p, URI, { start: o, end: o }, bare);
  assert.ok(acts.some((a) => a.findingCodes.includes('unknown-field')));
});

test('governing Service missing: the rule fix creates it, and the finding goes away', () => {
  const p = new Project();
  const text = STS.replace('servicName', 'serviceName');
  p.setFile(URI, text);
  assert.ok(codes(p).includes('governing-service-missing'), JSON.stringify(codes(p)));
  const acts = actionsAt(p, text, 'web\n  replicas');
  const create = acts.find((a) => a.findingCodes.includes('governing-service-missing') && a.edits.length > 0 && !a.createFiles);
  assert.ok(create, JSON.stringify(acts.map((a) => a.title)));
  // The refactor that would add the same Service in this file is not offered twice.
  assert.ok(!acts.some((a) => a.kind === 'refactor' && /in this file/.test(a.title)));
  p.setFile(URI, applyEdits(text, create.edits));
  assert.ok(!codes(p).includes('governing-service-missing'), JSON.stringify(codes(p)));
  assert.ok(!codes(p).includes('governing-service-not-headless'));
});

test('refactor: convert a ClusterIP Service to headless', () => {
  const p = new Project();
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n';
  p.setFile(URI, svc);
  const acts = actionsAt(p, svc, 'name: web');
  const r = acts.find((a) => a.kind === 'refactor' && /headless/.test(a.title));
  assert.ok(r, JSON.stringify(acts.map((a) => a.title)));
  const out = applyEdits(svc, r.edits);
  assert.match(out, /spec:\n  clusterIP: None\n  selector/);
  p.setFile(URI, out);
  assert.equal(p.getFile(URI)!.resources[0].value?.spec?.clusterIP, 'None');
  assert.ok(!actionsAt(p, out, 'name: web').some((a) => /to headless/.test(a.title)), 'not offered once headless');
  const lb = svc.replace('spec:\n', 'spec:\n  type: LoadBalancer\n');
  p.setFile(URI, lb);
  assert.ok(!actionsAt(p, lb, 'name: web').some((a) => /to headless/.test(a.title)), 'LoadBalancer cannot be headless');
});

test('refactor: a StatefulSet without serviceName gets a headless Service, here or in a new file', () => {
  const p = new Project();
  const text = STS.replace('  servicName: web\n', '').replace(/imagePullPolicy: always/g, 'imagePullPolicy: Always');
  p.setFile(URI, text);
  const acts = actionsAt(p, text, 'replicas');
  const here = acts.find((a) => a.kind === 'refactor' && /in this file/.test(a.title));
  const file = acts.find((a) => a.kind === 'refactor' && a.createFiles?.length);
  assert.ok(here && file, JSON.stringify(acts.map((a) => a.title)));
  const out = applyEdits(text, here.edits);
  p.setFile(URI, out);
  const svc = p.getFile(URI)!.resources.find((r) => r.kind === 'Service');
  assert.equal(svc?.name, 'web');
  assert.equal(svc?.value?.spec?.clusterIP, 'None');
  assert.deepEqual(svc?.value?.spec?.selector, { app: 'web' });
  assert.deepEqual(svc?.value?.spec?.ports, [{ name: 'http', port: 80 }]);
  assert.equal(p.getFile(URI)!.resources[0].value?.spec?.serviceName, 'web');
  const c = codes(p);
  assert.ok(!c.includes('service-name-empty') && !c.includes('governing-service-missing') && !c.includes('governing-service-not-headless'), JSON.stringify(c));
  // The new-file variant: same Service text in web-service.yaml next to the StatefulSet.
  assert.equal(file.createFiles![0].uri, 'file:///ws/web-service.yaml');
  const p2 = new Project();
  p2.setFile(URI, applyEdits(text, file.edits));
  p2.setFile(file.createFiles![0].uri, file.createFiles![0].text);
  assert.ok(!codes(p2).includes('governing-service-missing') && !codes(p2).includes('service-name-empty'), JSON.stringify(codes(p2)));
});

test('storage request: added to the claim template under the cursor, clearing storage-request', () => {
  const p = new Project();
  p.setFile(URI, STS);
  assert.ok(codes(p).includes('storage-request'));
  const acts = actionsAt(p, STS, 'accessModes');
  const add = acts.find((a) => /storage request/.test(a.title));
  assert.ok(add, JSON.stringify(acts.map((a) => a.title)));
  const out = applyEdits(STS, add.edits);
  assert.match(out, /resources:\n        limits: \{\}\n        requests:\n          storage: 1Gi\n/);
  p.setFile(URI, out);
  assert.ok(!codes(p).includes('storage-request'));
  assert.ok(!actionsAt(p, STS, 'replicas').some((a) => /storage request/.test(a.title)), 'outside a claim template: not offered');
});

test('storage request on a PVC with no resources at all', () => {
  const p = new Project();
  const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c\nspec:\n  accessModes:\n  - ReadWriteOnce\n';
  p.setFile(URI, pvc);
  const acts = actionsAt(p, pvc, 'name: c');
  const add = acts.find((a) => /storage request/.test(a.title))!;
  assert.ok(add);
  const out = applyEdits(pvc, add.edits);
  p.setFile(URI, out);
  assert.equal(p.getFile(URI)!.resources[0].value?.spec?.resources?.requests?.storage, '1Gi');
  assert.ok(!codes(p).includes('storage-request'));
});

test('nothing for unknown files or blank ranges', () => {
  const p = new Project();
  assert.deepEqual(codeActions(p, 'file:///none.yaml', { start: 0, end: 0 }, []), []);
});

test("given the file's findings, code actions compute no analysis, and offer what they offer without them", () => {
  // A StatefulSet whose serviceName names no Service: quick fixes from its finding and the Service refactors.
  const text = STS.replace('servicName', 'serviceName');
  let analyses = 0;
  class Counting extends Project {
    override findings(uri: string): Finding[] {
      analyses++;
      return super.findings(uri);
    }
  }
  const p = new Counting();
  p.setFile(URI, text);
  const all = p.findings(URI);
  const o = at(text, 'serviceName') + 1;
  const here = all.filter((f) => f.start <= o && f.end >= o);
  analyses = 0;
  const given = codeActions(p, URI, { start: o, end: o }, here, all);
  assert.equal(analyses, 0);
  const computed = codeActions(p, URI, { start: o, end: o }, here);
  assert.equal(analyses, 1);
  assert.deepEqual(given, computed);
  assert.ok(given.some((a) => /headless Service 'web'/.test(a.title)), JSON.stringify(given.map((a) => a.title)));
});
