// ConfigMaps are stored in etcd and limited to 1 MiB of data + binaryData.
import { isObj, isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

const LIMIT = 1024 * 1024;

export const configMapTooLarge: DocRule = {
  code: 'configmap-too-large',
  severity: 'error',
  description: 'ConfigMap data + binaryData exceed 1 MiB.',
  kinds: ['ConfigMap'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    let total = 0;
    const data = r.value?.data;
    if (isObj(data)) for (const [k, v] of Object.entries(data)) total += k.length + Buffer.byteLength(typeof v === 'string' ? v : String(v ?? ''), 'utf8');
    const bin = r.value?.binaryData;
    // binaryData values are base64 text: the stored size is the decoded size.
    if (isObj(bin)) for (const [k, v] of Object.entries(bin)) total += k.length + Math.floor((String(v ?? '').replace(/[^A-Za-z0-9+/]/g, '').length * 3) / 4);
    if (total > LIMIT) ctx.report(r, { path: ['metadata', 'name'], message: `ConfigMap data is ${total} bytes: the limit is 1 MiB (1048576 bytes).` });
  },
};
