// Kubernetes resource.Quantity: parse `<sign><number><suffix>` exactly as the API server accepts it, and compare.
// Values are kept as float64 in base units: precise enough to compare requests with limits.

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface Quantity {
  /** Value in base units (bytes, cores...). */
  value: number;
  format: QuantityFormat;
  /** The suffix as written ('' when none). */
  suffix: string;
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const SYNTAX = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(.*)$/;
/** SYNTAX's sign and number, sticky: matches at lastIndex only. */
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)/y;

/** Parses a quantity given as YAML string or number; undefined when the API server would reject it. */
export function parseQuantity(input: unknown): Quantity | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? { value: input, format: 'DecimalSI', suffix: '' } : undefined;
  if (typeof input !== 'string') return undefined;
  // SYNTAX without its match array and three substrings (every request, limit and storage size is
  // parsed): NUMBER finds where the signed number ends and Number() reads the sign. A suffix SYNTAX's
  // `(.*)$` would reject (a line break) matches none of the suffixes below either.
  NUMBER.lastIndex = 0;
  if (!NUMBER.test(input)) return undefined;
  const end = NUMBER.lastIndex;
  const suffix = end === input.length ? '' : input.slice(end);
  const base = Number(end === input.length ? input : input.slice(0, end));
  if (Object.hasOwn(BINARY, suffix)) return { value: base * BINARY[suffix], format: 'BinarySI', suffix };
  if (Object.hasOwn(DECIMAL, suffix)) return { value: base * DECIMAL[suffix], format: 'DecimalSI', suffix };
  const e = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (e) return { value: base * 10 ** Number(e[1]), format: 'DecimalExponent', suffix };
  return undefined;
}

/** Why `input` is not a quantity, with a hint for common mistakes; undefined when it is one. */
export function quantityError(input: unknown): string | undefined {
  if (parseQuantity(input) !== undefined) return undefined;
  if (typeof input !== 'string' && typeof input !== 'number') return 'must be a quantity such as 1Gi, 500m or 2';
  const s = String(input);
  if (/\s/.test(s)) return `'${s}' is not a quantity: no spaces allowed (write ${s.replace(/\s+/g, '')})`;
  const m = SYNTAX.exec(s);
  if (m) {
    const suf = m[3];
    if (/^[kmgtpe]i$/i.test(suf)) {
      const fixed = suf[0].toUpperCase() + 'i';
      return `'${s}' is not a quantity: suffix '${suf}' is case-sensitive (write ${m[1]}${m[2]}${fixed})`;
    }
    if (/^[KMGTPE]B$/i.test(suf)) {
      return `'${s}' is not a quantity: '${suf}' is not a Kubernetes suffix (use ${m[1]}${m[2]}${suf[0].toUpperCase()} for powers of 1000 or ${m[1]}${m[2]}${suf[0].toUpperCase()}i for powers of 1024)`;
    }
  }
  return `'${s}' is not a quantity (expected a number with an optional suffix: Ki Mi Gi Ti Pi Ei, m k M G T P E, or an exponent)`;
}

/** A corrected spelling for common quantity typos ('10 Gi' -> '10Gi', '1gi' -> '1Gi'), when unambiguous. */
export function suggestQuantity(input: string): string | undefined {
  const compact = input.replace(/\s+/g, '');
  const m = SYNTAX.exec(compact);
  if (!m) return undefined;
  let suf = m[3];
  if (/^[kmgtpe]i$/i.test(suf)) suf = suf[0].toUpperCase() + 'i';
  const fixed = m[1] + m[2] + suf;
  return fixed !== input && parseQuantity(fixed) ? fixed : undefined;
}

/** Sign of a - b; undefined when either is not a quantity. */
export function compareQuantities(a: unknown, b: unknown): number | undefined {
  const qa = parseQuantity(a);
  const qb = parseQuantity(b);
  if (!qa || !qb) return undefined;
  return Math.sign(qa.value - qb.value);
}
