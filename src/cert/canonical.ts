// Canonical JSON: the exact bytes a certificate signature covers.
// Rules (docs/certificate.md "Canonical form"): object keys sorted by UTF-16 code units, no
// whitespace, strings escaped as JSON.stringify does, numbers as ECMAScript shortest round-trip
// (-0 becomes 0), only null/boolean/number/string/array/plain object. Non-finite numbers,
// undefined, functions, bigint and symbols are rejected, never silently dropped. For the values
// we produce this is the same as RFC 8785 (JCS).

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

function encode(value: unknown, at: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${at}: non-finite number ${String(value)}`);
      return JSON.stringify(value); // -0 -> "0", shortest round-trip form
    case 'string':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${at}: ${typeof value} is not JSON`);
  }
  if (Array.isArray(value)) return `[${value.map((v, i) => encode(v, `${at}[${i}]`)).join(',')}]`;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(`${at}: only plain objects are JSON`);
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort(); // default sort compares UTF-16 code units, as JCS requires
  return `{${keys.map((k) => `${JSON.stringify(k)}:${encode(obj[k], `${at}.${k}`)}`).join(',')}}`;
}

/** Parses JSON text and rejects duplicate object keys, which JSON.parse would silently collapse. */
export function parseJsonStrict(text: string): unknown {
  const value = JSON.parse(text) as unknown; // syntax errors surface here with JSON.parse's message
  const dup = findDuplicateKey(text);
  if (dup !== null) throw new SyntaxError(`duplicate key "${dup}"`);
  return value;
}

// A small scanner over already-valid JSON: tracks the key set of each open object.
function findDuplicateKey(text: string): string | null {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.has(key)) return key;
        top.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      stack.push(null);
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
  return null;
}
