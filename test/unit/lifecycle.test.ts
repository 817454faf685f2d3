// What the controller does with a set's pods and claims (core/k8s/lifecycle.ts), what a claim's StorageClass does
// with its volume (core/k8s/storage-class.ts), and the hovers that say it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { lifecycle } from '../../server/src/core/k8s/lifecycle';
import { hover } from '../../server/src/core/features/hover';
import { Project } from '../../server/src/core/project';
import { normalizeSettings } from '../../server/src/core/settings';
import { PAIR, STATEFULSET } from '../protocol/helpers/manifests';

/** The web StatefulSet with `spec` lines added under spec (two-space indented YAML). */
const web = (specLines = '') => STATEFULSET.replace('spec:\n', `spec:\n${specLines}`);
const life = (specLines = '', minor = 34) => lifecycle('web', parse(web(specLines)), minor);

describe('lifecycle', () => {
  it('by default: ordered creation and removal, a rolling update from the highest ordinal, claims kept', () => {
    const l = life();
    assert.equal(l.scaling, 'Pods web-0, web-1, web-2 are created in that order, each once the one before is Running and Ready, and removed in reverse order, each once the one after it is gone (podManagementPolicy OrderedReady).');
    assert.equal(l.updates, 'A template change replaces web-2, web-1, web-0, highest ordinal first, one at a time, each once those replaced before are Running and Ready.');
    assert.equal(l.claims, 'Claims www-web-0, www-web-1, www-web-2 are kept when the StatefulSet is deleted (whenDeleted Retain), and kept when a scale-down removes their pod (whenScaled Retain).');
  });

  it('Parallel, OnDelete, minReadySeconds and a retention policy that deletes', () => {
    const l = life('  podManagementPolicy: Parallel\n  minReadySeconds: 10\n  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Delete\n    whenScaled: Delete\n');
    assert.match(l.scaling, /^Pods web-0, web-1, web-2 are created and removed all at once \(podManagementPolicy Parallel; updates still follow updateStrategy\)\.$/);
    assert.match(l.updates, /once those replaced before are Running and Ready and has been for 10 s \(minReadySeconds\)\.$/);
    assert.equal(l.claims, 'Claims www-web-0, www-web-1, www-web-2 are deleted with the StatefulSet (whenDeleted Delete), and deleted when a scale-down removes their pod, e.g. www-web-2 when scaled to 2 (whenScaled Delete).');
    assert.match(life('  updateStrategy:\n    type: OnDelete\n    rollingUpdate: {partition: 1}\n').updates, /^A template change replaces no pod by itself: each pod gets the new template when you delete it \(updateStrategy OnDelete\)\.$/);
  });

  it('a partition counts from ordinals.start; at or over replicas nothing is replaced', () => {
    const l = life('  ordinals:\n    start: 10\n  updateStrategy:\n    rollingUpdate:\n      partition: 1\n');
    assert.equal(l.updates, 'A template change replaces web-12, web-11, highest ordinal first, one at a time, each once those replaced before are Running and Ready. web-10 keeps the current revision, even when deleted (partition 1, counted from ordinals.start 10).');
    assert.equal(life('  updateStrategy:\n    rollingUpdate:\n      partition: 2\n').updates, 'A template change replaces web-2. web-0, web-1 keep the current revision, even when deleted (partition 2).');
    assert.equal(life('  updateStrategy:\n    rollingUpdate:\n      partition: 3\n').updates, 'A template change replaces no pod: partition 3 is not below replicas 3, so web-0, web-1, web-2 keep the current revision.');
  });

  it('maxUnavailable from Kubernetes 1.35 (a percentage rounded up), dropped before', () => {
    const spec = (v: string) => `  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: ${v}\n`;
    assert.match(life(spec('2'), 35).updates, /highest ordinal first, up to 2 at a time,/);
    assert.match(life(spec("'50%'"), 35).updates, /up to 2 at a time/);
    assert.match(life(spec('2'), 34).updates, /one at a time, .*Ready \(maxUnavailable is dropped before Kubernetes 1\.35\)\.$/);
    // Invalid values (reported by max-unavailable-invalid) count as one.
    assert.match(life(spec('0'), 35).updates, /one at a time/);
  });

  it('long lists keep the first two names and the last, even for 100,000 replicas', () => {
    const l = lifecycle('web', parse(web().replace('replicas: 3', 'replicas: 100000')), 34);
    assert.match(l.scaling, /^Pods web-0, web-1, …, web-99999 are created in that order/);
    assert.match(l.updates, /replaces web-99999, web-99998, …, web-0,/);
    assert.match(l.claims!, /^Claims www-web-0, www-web-1, …, www-web-99999 are kept/);
  });

  it('one pod, none, no claim templates, two claim templates', () => {
    assert.equal(lifecycle('web', parse(web().replace('replicas: 3', 'replicas: 1')), 34).scaling, 'One pod, web-0.');
    const none = lifecycle('web', parse(web().replace('replicas: 3', 'replicas: 0')), 34);
    assert.deepEqual([none.scaling, none.updates], ['No pods (replicas 0).', 'A template change applies to the pods created later.']);
    assert.equal(lifecycle('web', { spec: { replicas: 2 } }, 34).claims, undefined);
    const two = lifecycle('web', { spec: { replicas: 2, volumeClaimTemplates: [{ metadata: { name: 'data' } }, { metadata: { name: 'logs' } }] } }, 34);
    assert.match(two.claims!, /^Claims data-web-0, data-web-1, logs-web-0, logs-web-1 are kept/);
  });

  it('never throws on wrong types: they count as the defaults', () => {
    for (const v of [undefined, null, 5, 'x', [], { spec: [] }, { spec: { replicas: '3', podManagementPolicy: 7, updateStrategy: [], persistentVolumeClaimRetentionPolicy: 'Delete', volumeClaimTemplates: 'www' } },
      { spec: { updateStrategy: { rollingUpdate: 5 }, minReadySeconds: '10', ordinals: { start: -1 } } }, { spec: { updateStrategy: { rollingUpdate: { partition: '2', maxUnavailable: {} } } } }]) {
      const l = lifecycle('web', v, 35);
      assert.equal(typeof l.scaling, 'string');
      assert.equal(typeof l.updates, 'string');
    }
  });
});

describe('lifecycle hovers', () => {
  const URI = 'file:///t/life.yaml';
  const hoverAt = (text: string, needle: string, delta: number) => {
    const p = new Project(normalizeSettings({}));
    p.setFile(URI, text);
    return hover(p, URI, text.indexOf(needle) + delta)?.markdown ?? '';
  };

  it('on podManagementPolicy, updateStrategy (any depth) and the retention policy: what they do here, then the field documentation', () => {
    const text = PAIR.replace('  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: Parallel\n  updateStrategy:\n    rollingUpdate:\n      partition: 1\n  persistentVolumeClaimRetentionPolicy:\n    whenScaled: Delete\n');
    const policy = hoverAt(text, 'Parallel', 2);
    assert.match(policy, /^\*\*For `web`\*\*: Pods web-0, web-1, web-2 are created and removed all at once/);
    assert.match(policy, /\n---\n\n\*\*podManagementPolicy\*\*/);
    assert.match(hoverAt(text, 'partition: 1', 3), /^\*\*For `web`\*\*: A template change replaces web-2, web-1, highest ordinal first.*web-0 keeps the current revision/);
    assert.match(hoverAt(text, 'updateStrategy:', 3), /^\*\*For `web`\*\*: A template change replaces web-2, web-1/);
    assert.match(hoverAt(text, 'whenScaled: Delete', 14), /^\*\*For `web`\*\*: Claims www-web-0, www-web-1, www-web-2 are kept when the StatefulSet is deleted .* e\.g\. www-web-2 when scaled to 2/);
    // Elsewhere, or for another API's StatefulSet: no such paragraph.
    assert.doesNotMatch(hoverAt(text, 'containerPort', 3), /For `web`/);
    assert.doesNotMatch(hoverAt(text.replace('apiVersion: apps/v1', 'apiVersion: apps.kruise.io/v1beta1'), 'Parallel', 2), /For `web`/);
  });

  it('on a retention policy without claim templates: there is nothing to keep', () => {
    const text = PAIR.replace(/ {2}volumeClaimTemplates:[\s\S]*$/, '').replace('  replicas: 3\n', '  replicas: 3\n  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Delete\n');
    assert.match(hoverAt(text, 'whenDeleted', 3), /no volumeClaimTemplates: there are no claims to keep or delete/);
  });
});

describe('storageClassName hovers', () => {
  const URI = 'file:///t/claims.yaml';
  const SC = 'file:///t/classes.yaml';
  const classes = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
allowVolumeExpansion: true
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: keep
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/no-provisioner
reclaimPolicy: Retain
`;
  const hoverAt = (text: string, needle: string, delta: number, withClasses = true) => {
    const p = new Project(normalizeSettings({}));
    if (withClasses) p.setFile(SC, classes);
    p.setFile(URI, text);
    return hover(p, URI, text.indexOf(needle) + delta)?.markdown ?? '';
  };
  const sts = (cls: string) => PAIR.replace('        accessModes: ["ReadWriteOnce"]\n', `        accessModes: ["ReadWriteOnce"]\n        storageClassName: ${cls}\n`);
  const pvc = (cls: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: ${cls}\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;

  it('on a claim template\'s or a PVC\'s storageClassName: the class of the workspace and what it does with the volume', () => {
    const fast = hoverAt(sts('fast'), 'storageClassName: fast', 20);
    assert.match(fast, /^\*\*StorageClass `fast`\*\*\n\n- Volumes are provisioned by `ebs\.csi\.aws\.com`\.\n- reclaimPolicy Delete \(the default\): deleting a claim deletes its volume and the data on it\.\n- volumeBindingMode WaitForFirstConsumer: .*\n- allowVolumeExpansion: .*claim by claim/);
    const keep = hoverAt(pvc('keep'), 'storageClassName: keep', 19);
    assert.match(keep, /reclaimPolicy Retain: a deleted claim leaves its volume and data behind/);
    assert.match(keep, /volumeBindingMode Immediate \(the default\)/);
    assert.match(keep, /No allowVolumeExpansion/);
    assert.match(keep, /It is the default class/);
    // The key too, and the schema documentation still follows.
    assert.match(hoverAt(pvc('keep'), 'storageClassName: keep', 3), /\*\*StorageClass `keep`\*\*[\s\S]*\n---\n\n\*\*storageClassName\*\*/);
  });

  it('a class the workspace lacks, or an empty class', () => {
    assert.match(hoverAt(pvc('gold'), 'storageClassName: gold', 19), /^No StorageClass `gold` in the workspace \(it has `fast`, `keep`\): the cluster must have it/);
    assert.match(hoverAt(pvc('gold'), 'storageClassName: gold', 19, false), /^No StorageClass `gold` in the workspace: the cluster must have it/);
    assert.match(hoverAt(pvc('""'), 'storageClassName: ""', 19), /^An empty storageClassName asks for a volume without a class/);
    // Not on other fields, nor on a PersistentVolume's own class.
    assert.doesNotMatch(hoverAt(pvc('fast'), 'accessModes', 3), /StorageClass `/);
    const pv = 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: v\nspec:\n  storageClassName: fast\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  hostPath: {path: /d}\n';
    assert.doesNotMatch(hoverAt(pv, 'storageClassName: fast', 20), /\*\*StorageClass `fast`\*\*/);
  });
});
