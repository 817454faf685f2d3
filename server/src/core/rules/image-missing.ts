// Workload pod templates must name an image for every container (the API server requires it).
import { containersOf, isPatch, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import { truncatedBySyntaxError } from '../k8s/where';
import type { DocRule } from '../rule';
import { editDistance } from '../schema/suggest';

export const imageMissing: DocRule = {
  code: 'image-missing',
  severity: 'error',
  description: 'A container has no image.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    if (isPatch(r)) return;
    for (const ref of containersOf(r)) {
      const img = ref.c.image;
      if (img == null && truncatedBySyntaxError(r, ref.path)) continue;
      if (img == null || (typeof img === 'string' && img.trim() === '')) {
        // A misspelt key (`images:`, `imgae:`) is where the author put the image: point there.
        const typo = img == null ? Object.keys(ref.c).find((k) => k !== 'image' && k !== 'imagePullPolicy' && editDistance(k.toLowerCase(), 'image', 2) <= 2) : undefined;
        const path = typo ? [...ref.path, typo] : img == null ? [...ref.path, 'name'] : [...ref.path, 'image'];
        const hint = typo ? ` ("${typo}" is not a container field: did you mean "image"?)` : '';
        ctx.report(r, { path, message: `container '${ref.c.name ?? ref.index}' needs an image${hint}.` });
      }
    }
  },
};
