// Whole-resource skeletons offered on an empty document: a StatefulSet with its headless Service, a PVC, a ConfigMap.
import type { CompletionEntry } from './completion';

const SKELETONS: { label: string; detail: string; body: string }[] = [
  {
    label: 'StatefulSet with headless Service',
    detail: 'Service (clusterIP: None) + StatefulSet with a volumeClaimTemplate',
    body: `apiVersion: v1
kind: Service
metadata:
  name: \${1:web}
spec:
  clusterIP: None
  selector:
    app: \${1:web}
  ports:
  - name: \${2:http}
    port: \${3:80}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: \${1:web}
spec:
  serviceName: \${1:web}
  replicas: \${4:3}
  selector:
    matchLabels:
      app: \${1:web}
  template:
    metadata:
      labels:
        app: \${1:web}
    spec:
      containers:
      - name: \${1:web}
        image: \${5:nginx}
        ports:
        - name: \${2:http}
          containerPort: \${3:80}
        volumeMounts:
        - name: data
          mountPath: \${6:/data}
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: \${7:1Gi}
`,
  },
  {
    label: 'PersistentVolumeClaim',
    detail: 'PVC with access mode and storage request',
    body: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: \${1:data}
spec:
  accessModes:
  - \${2|ReadWriteOnce,ReadOnlyMany,ReadWriteMany,ReadWriteOncePod|}
  resources:
    requests:
      storage: \${3:1Gi}
`,
  },
  {
    label: 'ConfigMap',
    detail: 'ConfigMap with one data key',
    body: `apiVersion: v1
kind: ConfigMap
metadata:
  name: \${1:config}
data:
  \${2:key}: "\${3:value}"
`,
  },
];

/** Skeletons as snippets, or as plain text with the placeholders' defaults when snippets are unsupported. */
export function kindSnippets(snippetSupport: boolean, replace: { start: number; end: number }): CompletionEntry[] {
  return SKELETONS.map((s) => ({
    label: s.label,
    kind: 'snippet' as const,
    detail: s.detail,
    insertText: snippetSupport ? s.body : plain(s.body),
    isSnippet: snippetSupport,
    replace,
  }));
}

/** `${1:web}` -> web, `${2|a,b|}` -> a, `$1` -> nothing. */
export function plain(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\d+/g, '');
}
