import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdsTree } from '../../server/src/core/compact';
import { Project } from '../../server/src/core/project';
import { definition, highlights, prepareRename, references, rename, renameProblem } from '../../server/src/core/features/navigation';
import type { TextEdit } from '../../server/src/core/types';

/** Offset of the nth occurrence of `needle` in `text`, plus `delta` characters. */
function position(text: string, needle: string, nth = 0, delta = 1): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`needle not found: ${needle} #${nth}`);
  }
  return i + delta;
}

function spanOf(text: string, needle: string, nth = 0): { start: number; end: number } {
  const s = position(text, needle, nth, 0);
  return { start: s, end: s + needle.length };
}

function apply(text: string, edits: TextEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web-svc
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
        envFrom:
        - configMapRef:
            name: settings
        env:
        - name: MODE
          valueFrom:
            configMapKeyRef:
              name: settings
              key: mode
        volumeMounts:
        - name: data
          mountPath: /data
        - name: conf
          mountPath: /etc/conf
        - name: logs
          mountPath: /logs
      volumes:
      - name: conf
        configMap:
          name: "settings"
      - name: logs
        persistentVolumeClaim:
          claimName: shared-logs
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      volumeName: pv-one
      resources:
        requests:
          storage: 1Gi
`;

const OTHERS = `apiVersion: v1
kind: Service
metadata:
  name: web-svc
spec:
  clusterIP: None
  selector: {app: web}
---
apiVersion: v1
kind: Service
metadata:
  name: web-svc
  namespace: other
spec:
  clusterIP: None
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: shared-logs
spec:
  volumeName: pv-one
  accessModes: [ReadWriteMany]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-one
spec:
  capacity: {storage: 1Gi}
  claimRef:
    name: shared-logs
    namespace: default
`;

function project(): Project {
  const p = new Project();
  p.setFile('file:///sts.yaml', STS);
  p.setFile('file:///others.yaml', OTHERS);
  return p;
}

test('serviceName goes to the Service of the same namespace in another file', () => {
  const p = project();
  const defs = definition(p, 'file:///sts.yaml', position(STS, 'web-svc'));
  assert.deepEqual(defs, [{ uri: 'file:///others.yaml', ...spanOf(OTHERS, 'web-svc', 0) }]);
});

test('Service name lists the serviceName references, declaration on request', () => {
  const p = project();
  const at = position(OTHERS, 'web-svc');
  assert.deepEqual(references(p, 'file:///others.yaml', at, false), [{ uri: 'file:///sts.yaml', ...spanOf(STS, 'web-svc') }]);
  const withDecl = references(p, 'file:///others.yaml', at, true);
  assert.equal(withDecl.length, 2);
  assert.ok(withDecl.some((l) => l.uri === 'file:///others.yaml' && l.start === spanOf(OTHERS, 'web-svc').start));
  // The same-named Service in namespace `other` is a different object.
  assert.deepEqual(references(p, 'file:///others.yaml', position(OTHERS, 'web-svc', 1), false), []);
});

test('volumeMount name goes to the claim template and to the pod volume', () => {
  const p = project();
  assert.deepEqual(definition(p, 'file:///sts.yaml', position(STS, 'name: data', 0, 7)), [{ uri: 'file:///sts.yaml', start: position(STS, 'name: data', 1, 6), end: position(STS, 'name: data', 1, 10) }]);
  assert.deepEqual(definition(p, 'file:///sts.yaml', position(STS, 'name: conf', 0, 7)), [{ uri: 'file:///sts.yaml', start: position(STS, 'name: conf', 1, 6), end: position(STS, 'name: conf', 1, 10) }]);
  const refs = references(p, 'file:///sts.yaml', position(STS, 'name: data', 1, 7), false);
  assert.deepEqual(refs, [{ uri: 'file:///sts.yaml', start: position(STS, 'name: data', 0, 6), end: position(STS, 'name: data', 0, 10) }]);
});

test('claimName goes to the PVC; the PV claimRef refers to it too', () => {
  const p = project();
  assert.deepEqual(definition(p, 'file:///sts.yaml', position(STS, 'shared-logs')), [{ uri: 'file:///others.yaml', ...spanOf(OTHERS, 'shared-logs', 0) }]);
  const refs = references(p, 'file:///others.yaml', position(OTHERS, 'shared-logs'), false);
  assert.equal(refs.length, 2);
  assert.ok(refs.some((l) => l.uri === 'file:///sts.yaml'));
  assert.ok(refs.some((l) => l.uri === 'file:///others.yaml' && l.start === spanOf(OTHERS, 'shared-logs', 1).start));
});

test('every ConfigMap reference form finds the ConfigMap, quotes excluded', () => {
  const p = project();
  const cm = { uri: 'file:///others.yaml', ...spanOf(OTHERS, 'settings') };
  for (let i = 0; i < 3; i++) assert.deepEqual(definition(p, 'file:///sts.yaml', position(STS, 'settings', i)), [cm], `reference #${i}`);
  const refs = references(p, 'file:///others.yaml', cm.start, false);
  assert.equal(refs.length, 3);
  assert.ok(refs.some((r) => STS.slice(r.start, r.end) === 'settings' && STS[r.start - 1] === '"'));
});

test('PVC and claim template volumeName go to the PV', () => {
  const p = project();
  const pv = { uri: 'file:///others.yaml', ...spanOf(OTHERS, 'pv-one', 1) };
  assert.deepEqual(definition(p, 'file:///others.yaml', position(OTHERS, 'pv-one', 0)), [pv]);
  assert.deepEqual(definition(p, 'file:///sts.yaml', position(STS, 'pv-one')), [pv]);
  assert.equal(references(p, 'file:///others.yaml', pv.start, true).length, 3);
});

test('definition on a declaration answers itself; elsewhere nothing', () => {
  const p = project();
  const s = spanOf(OTHERS, 'settings');
  assert.deepEqual(definition(p, 'file:///others.yaml', s.start + 2), [{ uri: 'file:///others.yaml', ...s }]);
  assert.deepEqual(definition(p, 'file:///sts.yaml', position(STS, 'nginx', 1)), []);
  assert.deepEqual(definition(p, 'file:///missing.yaml', 0), []);
});

test('rename a Service updates declaration and references across files, not other namespaces', () => {
  const p = project();
  const at = position(STS, 'web-svc');
  assert.deepEqual(prepareRename(p, 'file:///sts.yaml', at), { ...spanOf(STS, 'web-svc'), placeholder: 'web-svc' });
  const edits = rename(p, 'file:///sts.yaml', at, 'web-headless');
  assert.equal(edits.length, 2);
  const sts = apply(STS, edits.filter((e) => e.uri === 'file:///sts.yaml'));
  const others = apply(OTHERS, edits.filter((e) => e.uri === 'file:///others.yaml'));
  assert.match(sts, /serviceName: web-headless\n/);
  assert.equal(others.split('web-headless').length - 1, 1);
  assert.equal(others.split('name: web-svc').length - 1, 1, 'the Service in namespace other keeps its name');
});

test('rename a claim template renames its volumeMounts only', () => {
  const p = project();
  const edits = rename(p, 'file:///sts.yaml', position(STS, 'name: data', 1, 7), 'storage');
  const out = apply(STS, edits);
  assert.equal(edits.length, 2);
  assert.match(out, /- name: storage\n\s+mountPath: \/data/);
  assert.match(out, /metadata:\n\s+name: storage\n/);
});

test('rename a ConfigMap keeps quotes and renames every reference form', () => {
  const p = project();
  const edits = rename(p, 'file:///others.yaml', position(OTHERS, 'settings'), 'app-config');
  const out = apply(STS, edits.filter((e) => e.uri === 'file:///sts.yaml'));
  assert.equal(out.split('app-config').length - 1, 3);
  assert.match(out, /name: "app-config"/);
  assert.equal(edits.filter((e) => e.uri === 'file:///others.yaml').length, 1);
});

test('prepareRename refuses outside names; rename to the same or empty name does nothing', () => {
  const p = project();
  assert.equal(prepareRename(p, 'file:///sts.yaml', position(STS, 'image')), undefined);
  assert.equal(prepareRename(p, 'file:///sts.yaml', position(STS, 'StatefulSet')), undefined);
  assert.deepEqual(rename(p, 'file:///sts.yaml', position(STS, 'web-svc'), 'web-svc'), []);
  assert.deepEqual(rename(p, 'file:///sts.yaml', position(STS, 'web-svc'), '  '), []);
});

test('renameProblem rejects names the API server would reject, by the kind of name', () => {
  const p = project();
  const svc = position(STS, 'web-svc');
  assert.equal(renameProblem(p, 'file:///sts.yaml', svc, 'web-headless'), undefined);
  // Service names are RFC 1035 labels: no leading digit, no dots, no capitals.
  assert.match(renameProblem(p, 'file:///sts.yaml', svc, '1web') ?? '', /^A Service name must .*start with a letter.*'1web' is not valid\.$/);
  assert.match(renameProblem(p, 'file:///sts.yaml', svc, 'web.svc') ?? '', /A Service name/);
  assert.match(renameProblem(p, 'file:///sts.yaml', svc, 'Web') ?? '', /lower case/);
  assert.match(renameProblem(p, 'file:///sts.yaml', svc, 'x'.repeat(64)) ?? '', /no more than 63 characters/);
  assert.equal(renameProblem(p, 'file:///sts.yaml', svc, '  '), 'The new name is empty.');
  // ConfigMap names are DNS subdomains: dots are fine, underscores are not.
  const cm = position(OTHERS, 'settings');
  assert.equal(renameProblem(p, 'file:///others.yaml', cm, 'app.config'), undefined);
  assert.match(renameProblem(p, 'file:///others.yaml', cm, 'app_config') ?? '', /^A ConfigMap name/);
  // Claim template and volume names are DNS labels: no dots.
  const claim = position(STS, 'name: data', 1, 7);
  assert.equal(renameProblem(p, 'file:///sts.yaml', claim, '9data'), undefined);
  assert.match(renameProblem(p, 'file:///sts.yaml', claim, 'data.v2') ?? '', /^A volume name/);
  // Not on a name: nothing to say.
  assert.equal(renameProblem(p, 'file:///sts.yaml', position(STS, 'image'), 'x_y'), undefined);
});

test('navigation follows edits: a renamed Service no longer matches', () => {
  const p = project();
  p.setFile('file:///others.yaml', OTHERS.replace('name: web-svc\nspec', 'name: web-x\nspec'));
  assert.deepEqual(definition(p, 'file:///sts.yaml', position(STS, 'web-svc')), []);
});

test('a PV claimRef to a PVC a claim template creates goes to that claim template', () => {
  const p = project();
  const pv = 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-data-0\nspec:\n  claimRef:\n    namespace: default\n    name: data-web-0\n';
  p.setFile('file:///pv.yaml', pv);
  assert.deepEqual(definition(p, 'file:///pv.yaml', position(pv, 'data-web-0')), [{ uri: 'file:///sts.yaml', start: position(STS, 'name: data', 1, 6), end: position(STS, 'name: data', 1, 10) }]);
  p.setFile('file:///pv.yaml', pv.replace('namespace: default', 'namespace: other'));
  assert.deepEqual(definition(p, 'file:///pv.yaml', position(pv, 'data-web-0')), []);
});

test('a named Service targetPort goes to the container port of the selected pods', () => {
  const p = project();
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-lb\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n    targetPort: http\n';
  p.setFile('file:///lb.yaml', svc);
  p.setFile('file:///sts.yaml', STS.replace('        image: nginx\n', '        image: nginx\n        ports:\n        - name: http\n          containerPort: 8080\n'));
  const text = p.getFile('file:///sts.yaml')!.text;
  assert.deepEqual(definition(p, 'file:///lb.yaml', position(svc, 'http')), [{ uri: 'file:///sts.yaml', ...spanOf(text, 'http') }]);
  p.setFile('file:///lb.yaml', svc.replace('{app: web}', '{app: other}'));
  assert.deepEqual(definition(p, 'file:///lb.yaml', position(svc, 'http')), []);
});

test('highlights: the name under the cursor in its own file only, declarations as writes', () => {
  const p = project();
  p.setFile('file:///more.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: i}]\n  volumes:\n  - name: cfg\n    configMap: {name: settings}\n`);
  // configMapRef, configMapKeyRef and the configMap volume: three references in the StatefulSet's file.
  const refs = highlights(p, 'file:///sts.yaml', position(STS, 'settings'));
  assert.deepEqual(refs, [0, 1, 2].map((n) => ({ uri: 'file:///sts.yaml', ...spanOf(STS, 'settings', n), write: false })));
  // On the ConfigMap itself: its own name, a declaration; the other files' references are not this file's.
  assert.deepEqual(highlights(p, 'file:///others.yaml', position(OTHERS, 'settings')), [{ uri: 'file:///others.yaml', ...spanOf(OTHERS, 'settings'), write: true }]);
  // A claim template and the volumeMount naming it, in one document.
  const data = highlights(p, 'file:///sts.yaml', position(STS, 'name: data', 0, 7));
  assert.deepEqual(data.map((h) => [STS.slice(h.start, h.end), h.write]), [['data', false], ['data', true]]);
  assert.deepEqual(highlights(p, 'file:///sts.yaml', position(STS, 'nginx')), []);
});

test('a search over unopened (compacted) files places what it finds without keeping their trees', () => {
  const p = project();
  p.compactFile('file:///others.yaml');
  const docs = () => p.getFile('file:///others.yaml')!.docs;
  assert.ok(docs().every((d) => !holdsTree(d)));
  const at = position(STS, 'web-svc');
  assert.deepEqual(definition(p, 'file:///sts.yaml', at), [{ uri: 'file:///others.yaml', ...spanOf(OTHERS, 'web-svc', 0) }]);
  assert.equal(references(p, 'file:///sts.yaml', at, true).length, 2);
  const edits = rename(p, 'file:///sts.yaml', at, 'peers');
  assert.equal(apply(OTHERS, edits.filter((e) => e.uri === 'file:///others.yaml')), OTHERS.replace('web-svc', 'peers'));
  // The index keeps values only: the documents it found were parsed for these answers and dropped.
  assert.ok(docs().every((d) => !holdsTree(d)));
});
