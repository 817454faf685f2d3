// Sample manifests shared by the protocol tests (the classic nginx `web` StatefulSet and its headless Service).

export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
    - port: 80
      name: web
  clusterIP: None
  selector:
    app: nginx
`;

export const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: nginx
  replicas: 3
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: registry.k8s.io/nginx-slim:0.8
          ports:
            - containerPort: 80
              name: web
          volumeMounts:
            - name: www
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
`;

/** Both in one file. */
export const PAIR = `${SERVICE}---\n${STATEFULSET}`;

/** YAML with a syntax error in a StatefulSet document (an unclosed flow sequence). */
export const BROKEN = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: broken
spec:
  replicas: [1, 2
`;

/** A Deployment: valid YAML of a kind this server does not check. */
export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: other
spec:
  replicas: [oops
`;
