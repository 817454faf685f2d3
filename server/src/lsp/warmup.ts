// Runs the engine once on a tiny StatefulSet + Service before the editor opens anything, so the first real
// analysis does not pay for compiling their schema validators (other kinds compile on first use).
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
