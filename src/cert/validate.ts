// A small JSON Schema validator for the subset our schemas use: type, const, enum, properties,
// required, additionalProperties:false, items, maxItems, pattern, minimum, maximum, oneOf.
// Returns JSON-pointer-like paths with the first few problems.
type S = Record<string, unknown>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want: string, got: string): boolean {
  return want === got || (want === 'number' && got === 'integer');
}

export function validateSchema(schema: S, value: unknown, at = '', out: string[] = []): string[] {
  if (out.length >= 10) return out;
  if ('const' in schema && schema.const !== value) out.push(`${at || '/'}: must be ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value as never)) out.push(`${at || '/'}: must be one of ${JSON.stringify(schema.enum)}`);
  if (Array.isArray(schema.oneOf)) {
    const passing = (schema.oneOf as S[]).filter((s) => validateSchema(s, value, at).length === 0).length;
    if (passing !== 1) out.push(`${at || '/'}: must match exactly one alternative`);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeMatches(t, typeOf(value)))) {
      out.push(`${at || '/'}: must be ${types.join(' or ')}, got ${typeOf(value)}`);
      return out;
    }
  }
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    out.push(`${at || '/'}: does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) out.push(`${at || '/'}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) out.push(`${at || '/'}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) out.push(`${at || '/'}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((v, i) => validateSchema(schema.items as S, v, `${at}/${i}`, out));
  }
  if (typeOf(value) === 'object') {
    const o = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, S>;
    for (const k of (schema.required ?? []) as string[]) if (!(k in o)) out.push(`${at}/${k}: required`);
    for (const [k, v] of Object.entries(o)) {
      if (props[k]) validateSchema(props[k], v, `${at}/${k}`, out);
      else if (schema.additionalProperties === false) out.push(`${at}/${k}: not allowed`);
    }
  }
  return out;
}
