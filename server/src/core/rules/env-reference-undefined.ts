// $(VAR) in an env value names a variable the container's env does not define: Kubernetes leaves the literal text.
// Only the pod spec's own variables expand there (not the image's, nor a shell's); a container with envFrom, or a
// name that looks like a Service's variable, may get it from elsewhere and is left alone.
import { insertItemBefore } from '../k8s/edit';
import { downwardFieldFor, eachEnvReference, referenceSpan, SERVICE_VARIABLE } from '../k8s/env';
import { arr, firstIndexWith, isCoreApi, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';
import type { Fix } from '../types';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const envReferenceUndefined: DocRule = {
  code: 'env-reference-undefined',
  severity: 'warning',
  description: "An env value refers to $(VAR) but the container's env defines no VAR (and has no envFrom): Kubernetes leaves the literal text $(VAR); the image's own variables do not count.",
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    eachEnvReference(r, (ref, env, i, e, name) => {
      // Defined in the list (a later definition is env-reference-order's), possibly from envFrom or a Service's
      // variables, or not a variable name at all ($(cat /etc/hostname) is meant for a shell that reads it later).
      if (firstIndexWith(env, 'name', name) >= 0 || arr(ref.c.envFrom).length || SERVICE_VARIABLE.test(name) || !VARIABLE_NAME.test(name)) return;
      const field = downwardFieldFor(name);
      const add = field && insertItemBefore(r, [...ref.path, 'env'], i, [`name: ${name}`, 'valueFrom:', '  fieldRef:', `    fieldPath: ${field}`]);
      const fixes: Fix[] | undefined = add ? [{ title: `Define ${name} from the pod's ${field} before ${e.name}`, edits: [add], isPreferred: true }] : undefined;
      ctx.report(r, {
        span: referenceSpan(ctx, r, ref, i, name),
        message: `$(${name}) is not defined in the env of container '${ref.c.name ?? `${ref.list}[${ref.index}]`}': '${e.name}' gets the literal text $(${name}) (only variables of this env list expand, not the image's). Define ${name} above it, or write $$(${name}) to mean the text.`,
        fixes,
      });
    });
  },
};
