// $(VAR) in an env value expands only to a variable defined earlier in the same list (the Kubernetes docs: "order
// matters in the env list"). A reference to one defined further down stays the literal text $(VAR): a pod's
// advertised address "$(POD_NAME).kafka-headless" then names no pod.
import { moveItemBefore } from '../k8s/edit';
import { eachEnvReference, referenceSpan } from '../k8s/env';
import { firstIndexWith, isCoreApi, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

export const envReferenceOrder: DocRule = {
  code: 'env-reference-order',
  severity: 'warning',
  description: 'An env value refers to $(VAR) where VAR is defined further down the same env list: only variables defined earlier expand, so the value keeps the literal $(VAR).',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    eachEnvReference(r, (ref, env, i, e, name) => {
      const defined = firstIndexWith(env, 'name', name);
      if (defined <= i) return; // defined before (it expands), or nowhere in this list (env-reference-undefined's)
      const move = moveItemBefore(r, [...ref.path, 'env'], defined, i);
      ctx.report(r, {
        span: referenceSpan(ctx, r, ref, i, name),
        message: `$(${name}) is defined further down the env list (env[${defined}]): only variables defined earlier expand, so '${e.name}' gets the literal text $(${name}).`,
        fixes: move ? [{ title: `Move ${name} before ${e.name}`, edits: move, isPreferred: true }] : undefined,
      });
    });
  },
};
