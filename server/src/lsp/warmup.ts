// Runs the engine once on a tiny manifest while the editor is still opening files, so the first real
// analysis does not pay for compiling schema validators and warming up rule code.
import { Project } from '../core/project';
import type { Settings } from '../core/types';

const SAMPLE = `apiVersion: v1
kind: Service
metadata: {name: warm}
spec: {clusterIP: None, selector: {app: warm}, ports: [{name: p, port: 80}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: warm}
spec:
  serviceName: warm
  replicas: 1
  selector: {matchLabels: {app: warm}}
  template:
    metadata: {labels: {app: warm}}
    spec: {containers: [{name: c, image: busybox, volumeMounts: [{name: d, mountPath: /d}]}]}
  volumeClaimTemplates: [{metadata: {name: d}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: warm}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: warm}
spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /tmp}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: warm}
data: {a: b}
`;

/** Analyses SAMPLE in a throwaway project; returns the milliseconds it took. Never throws. */
export function warmUp(settings: Settings): number {
  const start = Date.now();
  try {
    const p = new Project(settings);
    p.setFile('warmup:/sample.yaml', SAMPLE);
    p.findings('warmup:/sample.yaml');
  } catch {
    // Warm-up is an optimisation only; real analyses report their own problems.
  }
  return Date.now() - start;
}
