// What a StorageClass means for the claims that name it: who provisions their volumes, what deleting a claim
// does to the data, when a claim binds, and whether it can grow. Defaults are the API's (reclaimPolicy Delete,
// volumeBindingMode Immediate, allowVolumeExpansion false).
import { isObj, obj } from './pod';

/** Sentences about StorageClass `value` (its manifest), for a claim that names it. */
export function storageClassNotes(value: unknown): string[] {
  const sc = obj(value);
  const notes: string[] = [];
  if (typeof sc.provisioner === 'string' && sc.provisioner) notes.push(`Volumes are provisioned by \`${sc.provisioner}\`.`);
  notes.push(sc.reclaimPolicy === 'Retain'
    ? 'reclaimPolicy Retain: a deleted claim leaves its volume and data behind (Released, for an administrator to reclaim).'
    : `reclaimPolicy Delete${sc.reclaimPolicy === undefined ? ' (the default)' : ''}: deleting a claim deletes its volume and the data on it.`);
  notes.push(sc.volumeBindingMode === 'WaitForFirstConsumer'
    ? 'volumeBindingMode WaitForFirstConsumer: a claim gets its volume when its pod is scheduled, where the pod runs.'
    : `volumeBindingMode Immediate${sc.volumeBindingMode === undefined ? ' (the default)' : ''}: a claim gets its volume as soon as it is created, before its pod is scheduled (with zonal storage, the pod must then run in the volume's zone).`);
  notes.push(sc.allowVolumeExpansion === true
    ? 'allowVolumeExpansion: a claim\'s requests.storage can be raised later, claim by claim (a StatefulSet\'s volumeClaimTemplates cannot be changed once it exists).'
    : 'No allowVolumeExpansion: a claim cannot grow once created.');
  if (isObj(sc.metadata?.annotations) && sc.metadata.annotations['storageclass.kubernetes.io/is-default-class'] === 'true') {
    notes.push('It is the default class: claims without storageClassName get it.');
  }
  return notes;
}
