/** A JSON value as parsed from the OpenAPI documents. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rewrites an OpenAPI 3.0 schema fragment into plain JSON Schema that ajv accepts: local `$ref`s point at
 * the document registered under `documentId`, and `nullable: true` becomes a `null` type (or an `anyOf`
 * with null when the schema has no `type`).
 */
export function normalizeSchema(node: Json, documentId: string): Json {
  if (Array.isArray(node)) return node.map((item) => normalizeSchema(item, documentId));
  if (!isJsonObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[key] = `${documentId}${value}`;
    else if (key === 'nullable' && typeof value === 'boolean') continue;
    else out[key] = normalizeSchema(value, documentId);
  }
  if (node['nullable'] !== true) return out;
  const type = out['type'];
  if (typeof type === 'string') {
    out['type'] = [type, 'null'];
    const values = out['enum'];
    if (Array.isArray(values) && !values.includes(null)) out['enum'] = [...values, null];
    return out;
  }
  return { anyOf: [{ type: 'null' }, out] };
}
