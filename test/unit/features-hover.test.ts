// Hover: names table on StatefulSet name fields, governed StatefulSets on a Service, schema docs elsewhere.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hover, namesMarkdown } from '../../server/src/core/features/hover';
import { predictNames } from '../../server/src/core/names';
import { Project } from '../../server/src/core/project';
import { normalizeSettings } from '../../server/src/core/settings';
import { PAIR, STATEFULSET } from '../protocol/helpers/manifests';

const URI = 'file:///t/pair.yaml';

function project(text = PAIR, settings: Record<string, unknown> = {}): Project {
  const p = new Project(normalizeSettings(settings));
  p.setFile(URI, text);
  return p;
}

const at = (text: string, needle: string, delta = 0, occurrence = 0) => {
  let i = -1;
  for (let k = 0; k <= occurrence; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  return i + delta;
};

describe('hover', () => {
  it('puts an editor\'s link right under the predicted names, and nowhere else', () => {
    const link = { namesLink: (set: string) => `[open](cmd:${set})` };
    const md = hover(project(), URI, at(PAIR, 'replicas: 3', 10), link)!.markdown;
    const i = md.indexOf('[open](cmd:web)');
    assert.ok(i > md.indexOf('_web._tcp.nginx'), md);
    assert.ok(i < md.indexOf('\n---\n'), 'before the field documentation');
    assert.doesNotMatch(hover(project(), URI, at(PAIR, 'containerPort', 3), link)!.markdown, /cmd:/);
    assert.doesNotMatch(hover(project(), URI, at(PAIR, 'replicas: 3', 10))!.markdown, /cmd:/);
  });

  it('on replicas: pods, PVCs, pod DNS, service DNS and SRV, with the value as range', () => {
    const off = at(PAIR, 'replicas: 3', 10);
    const h = hover(project(), URI, off)!;
    assert.deepEqual([h.start, h.end], [off, off + 1]);
    for (const s of ['`web-0`', '`web-2`', '`www-web-1`', '`web-2.nginx.default.svc.cluster.local`', '`nginx.default.svc.cluster.local`', '`_web._tcp.nginx.default.svc.cluster.local`']) {
      assert.ok(h.markdown.includes(s), `${s} in\n${h.markdown}`);
    }
    assert.match(h.markdown, /\| Ordinal \| Pod \| PVC \(www\) \| DNS \|/);
  });

  it('on the key `replicas:` too, and with the schema documentation of the field', () => {
    const h = hover(project(), URI, at(PAIR, 'replicas: 3', 2))!;
    assert.ok(h.markdown.includes('www-web-0'));
    assert.match(h.markdown, /\*\*replicas\*\* `integer`/);
  });

  it('follows the settings (namespace default, cluster domain)', () => {
    const h = hover(project(PAIR, { clusterDomain: 'corp', defaultNamespace: 'shop' }), URI, at(PAIR, 'serviceName: nginx', 14))!;
    assert.ok(h.markdown.includes('web-0.nginx.shop.svc.corp'), h.markdown);
  });

  it('says when the governing Service is missing', () => {
    const h = hover(project(STATEFULSET), URI, at(STATEFULSET, 'replicas: 3', 10))!;
    assert.match(h.markdown, /No Service 'nginx' in the workspace/);
  });

  it('on a Service name lists the StatefulSets it governs with their pod DNS names', () => {
    const h = hover(project(), URI, at(PAIR, 'name: nginx', 7))!;
    assert.match(h.markdown, /Governs 1 StatefulSet/);
    assert.ok(h.markdown.includes('`web-0.nginx.default.svc.cluster.local`'), h.markdown);
  });

  it('on an ordinary field shows only its documentation; on a mapping value nothing', () => {
    const h = hover(project(), URI, at(PAIR, 'mountPath', 1))!;
    assert.match(h.markdown, /^\*\*mountPath\*\* `string` \(required\)/);
    assert.ok(!h.markdown.includes('web-0'));
    assert.equal(hover(project(), URI, PAIR.length + 5), undefined);
  });

  it('cuts long tables but names the last pod', () => {
    const text = STATEFULSET.replace('replicas: 3', 'replicas: 500');
    const md = hover(project(text), URI, at(text, 'replicas: 500', 10))!.markdown;
    assert.ok(md.includes('`web-499`') && md.includes('`www-web-499`'), md);
    assert.ok(!md.includes('`web-250`'));
    assert.ok(md.split('\n').length < 30);
  });

  it('renders replicas 0 and missing names without a table', () => {
    const p = project(STATEFULSET.replace('replicas: 3', 'replicas: 0'));
    const sts = p.getFile(URI)!.resources[0];
    const md = namesMarkdown(predictNames(sts, p.settings, p.index));
    assert.match(md, /0 pods/);
    assert.ok(!md.includes('| Pod |'));
  });

  it('on an env value with $(VAR): the value each pod gets, expanded from the variables above it', () => {
    const env = `          env:
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: NS
              valueFrom:
                fieldRef:
                  fieldPath: metadata.namespace
            - name: APP
              valueFrom:
                fieldRef:
                  fieldPath: metadata.labels['app']
            - name: IDX
              valueFrom:
                fieldRef:
                  fieldPath: metadata.labels['apps.kubernetes.io/pod-index']
            - name: IP
              valueFrom:
                fieldRef:
                  fieldPath: status.podIP
            - name: HOST
              value: $(POD_NAME).nginx.$(NS).svc
            - name: ADDR
              value: "$(HOST)|$(IP)|$(IDX)|$(APP)|$$(POD_NAME)|$(LATER)"
            - name: LATER
              value: x
`;
    // A replacer function: in a replacement string, $$ would become $.
    const text = STATEFULSET.replace('          ports:\n', () => `${env}          ports:\n`);
    const h = hover(project(text), URI, at(text, '"$(HOST)', 3))!;
    const md = h.markdown.split('\n---\n')[0];
    assert.match(md, /^\*\*Value per pod\*\*/);
    assert.deepEqual(md.split('\n').filter((l) => l.startsWith('| `')), [0, 1, 2].map(
      (k) => `| \`web-${k}\` | \`web-${k}.nginx.default.svc\\|<status.podIP>\\|${k}\\|nginx\\|$(POD_NAME)\\|$(LATER)\` |`,
    ));
    // The field's own documentation still follows; a value without $( gets only that.
    assert.match(h.markdown, /\*\*value\*\* `string`/);
    assert.ok(!hover(project(text), URI, at(text, 'value: x', 8))!.markdown.includes('Value per pod'));
  });

  it('says which fields an existing object keeps as created, and only for those', () => {
    const note = (text: string, needle: string, delta: number) => /\*\*On an existing \w+\*\*: (.*)/.exec(hover(project(text), URI, at(text, needle, delta))!.markdown)?.[1];
    assert.match(note(PAIR, 'serviceName: nginx', 3)!, /^Fixed when the StatefulSet is created: the API server refuses to change `serviceName` of an existing StatefulSet \(only replicas, ordinals, template, updateStrategy, revisionHistoryLimit, persistentVolumeClaimRetentionPolicy and minReadySeconds can change\)\. To change it, delete the StatefulSet with `--cascade=orphan`/);
    assert.match(note(PAIR, 'storage: 1Gi', 3)!, /raise the request of each of their PVCs instead/);
    assert.equal(note(PAIR, 'replicas: 3', 3), undefined);
    assert.equal(note(PAIR, 'image:', 3), undefined, 'the pod template may change');
    assert.match(note(PAIR, 'clusterIP: None', 3)!, /cannot become headless \(`None`\) or stop being headless/);
    const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n';
    assert.match(note(pvc, 'accessModes', 3)!, /^Fixed when the claim is created/);
    assert.match(note(pvc, 'storage: 1Gi', 3)!, /may grow, where its StorageClass allows expansion, and never shrink/);
    // Another API's StatefulSet has rules of its own.
    const kruise = PAIR.replace('apiVersion: apps/v1', 'apiVersion: apps.kruise.io/v1beta1');
    assert.equal(note(kruise, 'serviceName: nginx', 3), undefined);
  });

  it('unknown uri gives undefined', () => {
    assert.equal(hover(project(), 'file:///nope.yaml', 3), undefined);
  });
});
