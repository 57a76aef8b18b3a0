/**
 * The nginx variables the model can evaluate (src/http/ngx_http_variables.c and the proxy module's own), and the
 * `complex value` syntax: `$name` or `${name}` inside literal text.
 */

/** Variables with a fixed name. */
export const KNOWN_VARIABLES = [
  'remote_addr',
  'remote_port',
  'server_addr',
  'server_port',
  'host',
  'hostname',
  'request_uri',
  'uri',
  'document_uri',
  'args',
  'query_string',
  'is_args',
  'scheme',
  'request_method',
  'server_name',
  'server_protocol',
  'proxy_add_x_forwarded_for',
  'proxy_host',
  'proxy_port',
  'ssl_preread_server_name',
] as const;

/** Variable families with a suffix: `$http_x_real_ip`, `$arg_id`, `$cookie_session`. */
const PREFIXED = ['http_', 'arg_', 'cookie_'] as const;

/** One piece of a complex value. */
export type ValuePart = { readonly literal: string } | { readonly variable: string };

/** Splits a complex value into literal text and variable names; `$` not followed by a name stays literal. */
export function splitComplexValue(value: string): ValuePart[] {
  const parts: ValuePart[] = [];
  let literal = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i] as string;
    if (c !== '$') {
      literal += c;
      i++;
      continue;
    }
    let name = '';
    let j = i + 1;
    if (value[j] === '{') {
      const close = value.indexOf('}', j);
      if (close === -1) {
        literal += c;
        i++;
        continue;
      }
      name = value.slice(j + 1, close);
      j = close + 1;
    } else {
      while (j < value.length && /[A-Za-z0-9_]/.test(value[j] as string)) {
        name += value[j];
        j++;
      }
    }
    if (name === '') {
      literal += c;
      i++;
      continue;
    }
    if (literal !== '') parts.push({ literal });
    literal = '';
    parts.push({ variable: name.toLowerCase() });
    i = j;
  }
  if (literal !== '') parts.push({ literal });
  return parts;
}

/** True when nginx would know `name` (without the `$`). */
export function isKnownVariable(name: string): boolean {
  return (
    (KNOWN_VARIABLES as readonly string[]).includes(name) ||
    PREFIXED.some((p) => name.startsWith(p) && name.length > p.length)
  );
}

/** The first unknown variable in a complex value, or null. */
export function firstUnknownVariable(value: string): string | null {
  for (const part of splitComplexValue(value)) {
    if ('variable' in part && !isKnownVariable(part.variable)) return part.variable;
  }
  return null;
}

/** True when the value contains at least one variable. */
export function hasVariables(value: string): boolean {
  return splitComplexValue(value).some((p) => 'variable' in p);
}

/** Evaluates a complex value with a lookup; unknown variables give the empty string (nginx: not found → ""). */
export function evaluate(value: string, lookup: (name: string) => string | null): string {
  let out = '';
  for (const part of splitComplexValue(value)) {
    out += 'literal' in part ? part.literal : (lookup(part.variable) ?? '');
  }
  return out;
}
