// A PersistentVolume must declare exactly one volume source (hostPath, nfs, csi, local...).
import { at } from '../k8s/where';
import { isObj, isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

const SOURCES = ['gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs', 'fc', 'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi'];

export const pvVolumeSource: DocRule = {
  code: 'pv-volume-source',
  severity: 'error',
  description: 'A PersistentVolume must specify exactly one volume source.',
  kinds: ['PersistentVolume'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const spec = r.value?.spec;
    if (!isObj(spec)) return;
    const found = SOURCES.filter((k) => spec[k] != null);
    if (found.length === 0) ctx.report(r, { ...at(r, ['spec']), message: `PersistentVolume must specify a volume source (one of ${['csi', 'nfs', 'hostPath', 'local', '...'].join(', ')}).` });
    else for (const k of found.slice(1)) ctx.report(r, { ...at(r, ['spec', k]), message: `PersistentVolume may specify only one volume source (already has '${found[0]}').` });
  },
};
