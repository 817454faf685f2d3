// Container names must be unique across containers and initContainers of one pod.
import { containersOf, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

export const containerNameDuplicate: DocRule = {
  code: 'container-name-duplicate',
  severity: 'error',
  description: 'Two containers (containers + initContainers) have the same name.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    const refs = containersOf(r);
    if (refs.length < 2) return; // one container (the usual case) has no duplicate: no map for it
    const seen = new Map<string, (string | number)[]>();
    for (const ref of refs) {
      const name = ref.c.name;
      if (typeof name !== 'string' || name === '') continue;
      const first = seen.get(name);
      if (!first) seen.set(name, ref.path);
      else ctx.report(r, {
        path: [...ref.path, 'name'],
        message: `container name '${name}' is used twice in the pod (containers and initContainers share one namespace).`,
        related: [{ uri: r.uri, ...ctx.spanOf(r, [...first, 'name']), message: 'first use' }],
      });
    }
  },
};
