// Workload pod templates must name an image for every container (the API server requires it).
import { containersOf, isPatch, isCoreApi, templateContext } from '../k8s/pod';
import { truncatedBySyntaxError } from '../k8s/where';
import type { DocRule } from '../rule';

export const imageMissing: DocRule = {
  code: 'image-missing',
  severity: 'error',
  description: 'A container has no image.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    if (isPatch(r)) return;
    for (const ref of containersOf(r)) {
      const img = ref.c.image;
      if (img == null && truncatedBySyntaxError(r, ref.path)) continue;
      if (img == null || (typeof img === 'string' && img.trim() === '')) {
        ctx.report(r, { path: img == null ? [...ref.path, 'name'] : [...ref.path, 'image'], message: `container '${ref.c.name ?? ref.index}' needs an image.` });
      }
    }
  },
};
