// Kubernetes name and label syntax checks (DNS-1123, RFC 1035, IANA_SVC_NAME, label keys/values, ConfigMap keys).
// Each *Errors function returns human-readable problems ([] = valid); the is* checks answer yes/no.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const RFC1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;
// Regex literals are module constants: a literal in a function body is a new RegExp object per call.
const IANA_SVC_NAME_CHARS = /^[-a-z0-9]*$/;
const DIGITS = /^\d+$/;
const HAS_LETTER = /[a-z]/;

export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;
export const IANA_SVC_NAME_MAX = 15;
export const LABEL_VALUE_MAX = 63;
export const CONFIGMAP_KEY_MAX = 253;

// The is* checks answer without allocating (labelKeyErrors' split, for one); the *Errors functions
// ask them first and build messages only for an invalid input: rules run them on every name of every
// document, nearly all valid. Each *Errors function lists exactly the problems whose absence its is*
// check tests.

/** Only digits: a port number written as a string (the API rejects it where a name is expected). */
export const isDigits = (s: string): boolean => DIGITS.test(s);
export const isDns1123Label = (s: string): boolean => s.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(s);
export const isDns1123Subdomain = (s: string): boolean => s.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(s);
export const isRfc1035Label = (s: string): boolean => s.length <= DNS1123_LABEL_MAX && RFC1035_LABEL.test(s);
export const isIanaSvcName = (s: string): boolean =>
  s.length <= IANA_SVC_NAME_MAX && IANA_SVC_NAME_CHARS.test(s) && !s.includes('--') && !s.startsWith('-') && !s.endsWith('-') && HAS_LETTER.test(s);
export const isLabelValue = (s: string): boolean => s.length <= LABEL_VALUE_MAX && LABEL_VALUE.test(s);
export const isConfigMapKey = (s: string): boolean => s.length <= CONFIGMAP_KEY_MAX && CONFIGMAP_KEY.test(s) && s !== '.' && s !== '..';
/** The name part of a label key: non-empty, <= 63, alphanumeric ends. */
const isQualifiedName = (s: string): boolean => s.length <= DNS1123_LABEL_MAX && QUALIFIED_NAME.test(s);

export function isLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return isQualifiedName(key);
  const name = key.slice(slash + 1);
  return !name.includes('/') && isDns1123Subdomain(key.slice(0, slash)) && isQualifiedName(name);
}

export function dns1123LabelErrors(s: string): string[] {
  if (isDns1123Label(s)) return [];
  const out: string[] = [];
  if (s.length > DNS1123_LABEL_MAX) out.push(`must be no more than ${DNS1123_LABEL_MAX} characters (has ${s.length})`);
  if (!DNS1123_LABEL.test(s)) out.push("must consist of lower case alphanumeric characters or '-', and start and end with an alphanumeric character");
  return out;
}

export function dns1123SubdomainErrors(s: string): string[] {
  if (isDns1123Subdomain(s)) return [];
  const out: string[] = [];
  if (s.length > DNS1123_SUBDOMAIN_MAX) out.push(`must be no more than ${DNS1123_SUBDOMAIN_MAX} characters (has ${s.length})`);
  if (!DNS1123_SUBDOMAIN.test(s)) out.push("must consist of lower case alphanumeric characters, '-' or '.', and start and end with an alphanumeric character");
  return out;
}

export function rfc1035LabelErrors(s: string): string[] {
  if (isRfc1035Label(s)) return [];
  const out: string[] = [];
  if (s.length > DNS1123_LABEL_MAX) out.push(`must be no more than ${DNS1123_LABEL_MAX} characters (has ${s.length})`);
  if (!RFC1035_LABEL.test(s)) out.push("must consist of lower case alphanumeric characters or '-', start with a letter, and end with an alphanumeric character");
  return out;
}

/** Named container ports: at most 15 chars of [a-z0-9-], at least one letter, no leading/trailing/double '-'. */
export function ianaSvcNameErrors(s: string): string[] {
  if (isIanaSvcName(s)) return [];
  const out: string[] = [];
  if (s.length > IANA_SVC_NAME_MAX) out.push(`must be no more than ${IANA_SVC_NAME_MAX} characters (has ${s.length})`);
  if (!IANA_SVC_NAME_CHARS.test(s)) out.push("must contain only lower case alphanumeric characters or '-'");
  if (s.includes('--')) out.push("must not contain consecutive '-'");
  if (s.startsWith('-') || s.endsWith('-')) out.push("must not begin or end with '-'");
  if (!HAS_LETTER.test(s)) out.push('must contain at least one letter');
  return out;
}

/** A label/annotation key: optional DNS-subdomain prefix + '/' + name (<=63, alphanumeric ends, '-_.' inside). */
export function labelKeyErrors(key: string): string[] {
  if (isLabelKey(key)) return [];
  const parts = key.split('/');
  let name = key;
  const out: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) out.push('prefix part must be non-empty');
    else for (const e of dns1123SubdomainErrors(prefix)) out.push(`prefix part ${e}`);
  } else if (parts.length > 2) {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS subdomain prefix and '/'"];
  }
  if (name.length === 0) out.push('name part must be non-empty');
  else {
    if (name.length > DNS1123_LABEL_MAX) out.push(`name part must be no more than ${DNS1123_LABEL_MAX} characters (has ${name.length})`);
    if (!QUALIFIED_NAME.test(name)) out.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
  }
  return out;
}

export function labelValueErrors(value: string): string[] {
  if (isLabelValue(value)) return [];
  const out: string[] = [];
  if (value.length > LABEL_VALUE_MAX) out.push(`must be no more than ${LABEL_VALUE_MAX} characters (has ${value.length})`);
  if (!LABEL_VALUE.test(value)) out.push("must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
  return out;
}

export function configMapKeyErrors(key: string): string[] {
  if (isConfigMapKey(key)) return [];
  const out: string[] = [];
  if (key.length > CONFIGMAP_KEY_MAX) out.push(`must be no more than ${CONFIGMAP_KEY_MAX} characters (has ${key.length})`);
  if (!CONFIGMAP_KEY.test(key)) out.push("must consist of alphanumeric characters, '-', '_' or '.'");
  if (key === '.' || key === '..') out.push(`must not be '${key}'`);
  return out;
}

/** An IPv4 (no leading zeros) or IPv6 address literal. */
export function isIP(s: string): boolean {
  const v4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  if (v4.test(s)) return true;
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const all = [...groups(dbl[0]), ...(dbl.length === 2 ? groups(dbl[1]) : [])];
  const last = all[all.length - 1] ?? '';
  const tail4 = v4.test(last);
  const hex = tail4 ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.length + (tail4 ? 2 : 0);
  return dbl.length === 2 ? count < 8 : count === 8;
}
