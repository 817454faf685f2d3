// Realistic benchmark input: N StatefulSet + headless Service pairs (~63 lines per pair).

/** One pair: a headless Service and its StatefulSet with containers, ports, probes, resources, env, mounts and claim templates. */
export function pair(i: number): string {
  const n = `db${i}`;
  return `apiVersion: v1
kind: Service
metadata:
  name: ${n}
  labels:
    app: ${n}
spec:
  clusterIP: None
  selector:
    app: ${n}
  ports:
    - name: sql
      port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${n}
  labels:
    app: ${n}
spec:
  serviceName: ${n}
  replicas: 3
  selector:
    matchLabels:
      app: ${n}
  template:
    metadata:
      labels:
        app: ${n}
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
          ports:
            - name: sql
              containerPort: 5432
          env:
            - name: PGDATA
              value: /var/lib/postgresql/data/pgdata
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
          readinessProbe:
            tcpSocket:
              port: sql
            periodSeconds: 5
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              memory: 1Gi
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 10Gi
`;
}

export function pairs(n: number, from = 0): string {
  return Array.from({ length: n }, (_, i) => pair(from + i)).join('---\n');
}
