// Environment variable references: the $(VAR) syntax Kubernetes expands in env values, command and args.
import type { Resource } from '../model';
import type { RuleContext } from '../rule';
import type { Span } from '../types';
import { arr, containersOf, isObj, type ContainerRef, type Obj } from './pod';

/**
 * Calls `each` for every $(NAME) in an env value of a container of `r`'s pod spec, with the container, its env
 * list and the index of the entry whose value holds it.
 */
export function eachEnvReference(r: Resource, each: (ref: ContainerRef, env: readonly unknown[], i: number, e: Obj, name: string) => void): void {
  for (const ref of containersOf(r)) {
    const env = arr(ref.c.env);
    for (let i = 0; i < env.length; i++) {
      const e = env[i];
      if (!isObj(e) || typeof e.value !== 'string' || !e.value.includes('$(')) continue;
      for (const name of references(e.value)) each(ref, env, i, e, name);
    }
  }
}

/** The variable names `value` refers to as $(NAME), in order, once each; `$$` escapes a `$`. */
export function references(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '$') continue;
    if (value[i + 1] === '$') {
      i++;
      continue;
    }
    if (value[i + 1] !== '(') continue;
    const close = value.indexOf(')', i + 2);
    if (close < 0) break; // unclosed: left as written
    const name = value.slice(i + 2, close);
    if (name && !out.includes(name)) out.push(name);
    i = close;
  }
  return out;
}

/**
 * Where `$(name)` is in the source of env[i].value of the container `ref` (as eachEnvReference gives them):
 * the reference itself when it is written there as is, else the whole value.
 */
export function referenceSpan(ctx: Pick<RuleContext, 'spanOf'>, r: Resource, ref: ContainerRef, i: number, name: string): Span {
  const value = ctx.spanOf(r, [...ref.path, 'env', i, 'value']);
  const written = `$(${name})`;
  const at = r.doc.text.slice(value.start - r.doc.offset, value.end - r.doc.offset).indexOf(written);
  return at < 0 ? value : { start: value.start + at, end: value.start + at + written.length };
}

/**
 * Variables the kubelet adds for Services (`<SVC>_SERVICE_HOST`, `<SVC>_SERVICE_PORT[_<PORT>]`, and the older
 * `<SVC>_PORT[_<n>_<PROTO>[_PROTO|_PORT|_ADDR]]`), which $(VAR) may name without an env entry.
 */
export const SERVICE_VARIABLE = /^[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)$/;

/** The downward API field a conventionally named variable holds (POD_NAME, MY_POD_IP...), for a fix that defines it. */
export function downwardFieldFor(name: string): string | undefined {
  const m = /(?:^|_)(POD_NAME|POD_NAMESPACE|POD_IP|POD_UID|NODE_NAME|HOST_IP)$/.exec(name);
  if (!m) return undefined;
  return ({ POD_NAME: 'metadata.name', POD_NAMESPACE: 'metadata.namespace', POD_IP: 'status.podIP', POD_UID: 'metadata.uid', NODE_NAME: 'spec.nodeName', HOST_IP: 'status.hostIP' } as Record<string, string>)[m[1]];
}

/**
 * Expands $(NAME) as the kubelet does: names in `vars` are replaced, others stay as written, `$$` is one `$`, and
 * an unclosed `$(` stays as written.
 */
export function expand(value: string, vars: ReadonlyMap<string, string>): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '$' || i + 1 >= value.length) {
      out += c;
      continue;
    }
    if (value[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    const close = value[i + 1] === '(' ? value.indexOf(')', i + 2) : -1;
    if (close < 0) {
      out += c;
      continue;
    }
    const name = value.slice(i + 2, close);
    const v = vars.get(name);
    out += v ?? `$(${name})`;
    i = close;
  }
  return out;
}

/** What one pod of a StatefulSet knows of itself, for env values that read the downward API. */
export interface PodFacts {
  name: string;
  namespace: string;
  ordinal: number;
  /** The pod template's labels (the controller adds the pod-name and pod-index labels to them). */
  labels: Readonly<Record<string, string>>;
}

/**
 * The variables `env[0..upTo)` define for one pod, each expanded with those before it. A value only known on the
 * cluster (a pod IP, a Secret) reads `<where it comes from>`.
 */
export function podVariables(env: readonly unknown[], upTo: number, pod: PodFacts): Map<string, string> {
  const vars = new Map<string, string>();
  for (let i = 0; i < upTo && i < env.length; i++) {
    const e = env[i];
    if (!isObj(e) || typeof e.name !== 'string') continue;
    if (typeof e.value === 'string') vars.set(e.name, expand(e.value, vars));
    else if (isObj(e.valueFrom)) vars.set(e.name, fromSource(e.valueFrom, pod));
    else vars.set(e.name, '');
  }
  return vars;
}

function fromSource(from: Obj, pod: PodFacts): string {
  const path = isObj(from.fieldRef) && typeof from.fieldRef.fieldPath === 'string' ? from.fieldRef.fieldPath : undefined;
  if (path === 'metadata.name') return pod.name;
  if (path === 'metadata.namespace') return pod.namespace;
  const label = path && /^metadata\.labels\['(.+)'\]$/.exec(path);
  if (label) {
    if (label[1] === 'statefulset.kubernetes.io/pod-name') return pod.name;
    if (label[1] === 'apps.kubernetes.io/pod-index') return String(pod.ordinal);
    if (Object.prototype.hasOwnProperty.call(pod.labels, label[1])) return pod.labels[label[1]];
  }
  if (path) return `<${path}>`;
  const source = Object.keys(from).find((k) => isObj(from[k]));
  return `<${source ?? 'valueFrom'}>`;
}
