/** A JSON value as parsed from the OpenAPI documents. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Documentation-only keywords: dropping them keeps ajv's schema cache keys (serialized schemas) small. */
const DOC_KEYS = new Set([
  'description',
  'summary',
  'title',
  'example',
  'examples',
  'externalDocs',
  'x-github',
]);
/** Keywords whose value is a map of names (property names, component names), not a schema. */
const MAP_KEYS = new Set([
  'properties',
  'patternProperties',
  'schemas',
  'parameters',
  'responses',
  'headers',
  '$defs',
]);

function normalizeNode(node: Json, documentId: string, isMap: boolean): Json {
  if (Array.isArray(node)) return node.map((item) => normalizeNode(item, documentId, false));
  if (!isJsonObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (isMap) out[key] = normalizeNode(value, documentId, false);
    else if (key === '$ref' && typeof value === 'string' && value.startsWith('#/'))
      out[key] = `${documentId}${value}`;
    else if (DOC_KEYS.has(key) || (key === 'nullable' && typeof value === 'boolean')) continue;
    else out[key] = normalizeNode(value, documentId, MAP_KEYS.has(key) && isJsonObject(value));
  }
  if (isMap || node['nullable'] !== true) return out;
  const type = out['type'];
  if (typeof type === 'string') {
    out['type'] = [type, 'null'];
    const values = out['enum'];
    if (Array.isArray(values) && !values.includes(null)) out['enum'] = [...values, null];
    return out;
  }
  return { anyOf: [{ type: 'null' }, out] };
}

/**
 * Rewrites an OpenAPI schema fragment (or a whole `components` object) into plain JSON Schema that ajv
 * accepts: local `$ref`s point at the document registered under `documentId`, `nullable: true` becomes a
 * `null` type (or an `anyOf` with null when there is no `type`), and documentation keywords are dropped.
 */
export function normalizeSchema(node: Json, documentId: string): Json {
  return normalizeNode(node, documentId, false);
}

/** `normalizeSchema` for a `components` object, whose top-level keys are maps of named entries. */
export function normalizeComponents(components: JsonObject, documentId: string): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(components)) {
    if (key === 'examples') continue;
    out[key] = normalizeNode(value, documentId, true);
  }
  return out;
}
