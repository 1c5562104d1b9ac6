import { readFileSync } from 'node:fs';
import { cachedFromPackage } from './disk-cache.js';
import {
  isJsonObject,
  normalizeComponents,
  normalizeSchema,
  type Json,
  type JsonObject,
} from './normalize-schema.js';
import { packageFile } from './package-file.js';

export const REST_DOCUMENT_ID = 'https://twin.local/api.github.com.json';

export interface ParameterSpec {
  name: string;
  in: string;
  required: boolean;
  /** Normalized JSON Schema. */
  schema: Json;
}

/** One documented operation with every `$ref` outside schemas resolved and its schemas normalized for ajv. */
export interface CompactOperation {
  method: string;
  template: string;
  operationId: string;
  parameters: ParameterSpec[];
  requestBody: { required: boolean; schema: Json } | null;
  /** Status → normalized body schema (null when the status has no JSON body). */
  responses: Record<string, Json>;
}

export interface RestOperation extends CompactOperation {
  pattern: RegExp;
  paramNames: string[];
  literalSegments: number;
}

interface CompactSpec {
  components: JsonObject;
  operations: CompactOperation[];
}

export interface RestSpec {
  /** `components` normalized for ajv (registered under REST_DOCUMENT_ID). */
  components: JsonObject;
  operations: RestOperation[];
}

let cached: RestSpec | undefined;

function compileTemplate(
  template: string,
): Pick<RestOperation, 'pattern' | 'paramNames' | 'literalSegments'> {
  const paramNames: string[] = [];
  let literalSegments = 0;
  const segments = template.split('/').map((segment, index, all) => {
    const param = /^\{([^}]+)\}$/.exec(segment);
    if (!param) {
      literalSegments += 1;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    paramNames.push(param[1] ?? '');
    const isLast = index === all.length - 1;
    return isLast && (param[1] === 'path' || param[1] === 'ref') ? '(.+)' : '([^/]+)';
  });
  return { pattern: new RegExp(`^${segments.join('/')}$`), paramNames, literalSegments };
}

function resolver(raw: JsonObject) {
  return (node: Json | undefined): JsonObject | undefined => {
    if (!isJsonObject(node)) return undefined;
    const ref = node['$ref'];
    if (typeof ref !== 'string') return node;
    let target: Json | undefined = raw;
    for (const part of ref.replace(/^#\//, '').split('/'))
      target = isJsonObject(target) ? target[part] : undefined;
    return isJsonObject(target) ? target : undefined;
  };
}

function jsonSchemaOf(content: Json | undefined): Json {
  if (!isJsonObject(content)) return null;
  const json = content['application/json'] ?? Object.values(content)[0];
  const schema = isJsonObject(json) ? json['schema'] : undefined;
  return schema === undefined ? null : normalizeSchema(schema, REST_DOCUMENT_ID);
}

function compactOperation(
  method: string,
  template: string,
  op: JsonObject,
  resolve: ReturnType<typeof resolver>,
): CompactOperation {
  const parameters: ParameterSpec[] = [];
  for (const entry of Array.isArray(op['parameters']) ? op['parameters'] : []) {
    const param = resolve(entry);
    if (!param || typeof param['name'] !== 'string' || typeof param['in'] !== 'string') continue;
    const schema = normalizeSchema(resolve(param['schema']) ?? {}, REST_DOCUMENT_ID);
    parameters.push({ name: param['name'], in: param['in'], required: param['required'] === true, schema });
  }
  const body = resolve(op['requestBody']);
  const bodySchema = body ? jsonSchemaOf(body['content']) : null;
  const responses: Record<string, Json> = {};
  const documented = op['responses'];
  for (const [status, response] of Object.entries(isJsonObject(documented) ? documented : {})) {
    responses[status] = jsonSchemaOf(resolve(response)?.['content']);
  }
  return {
    method: method.toUpperCase(),
    template,
    operationId: String(op['operationId']),
    parameters,
    requestBody: bodySchema === null ? null : { required: body?.['required'] === true, schema: bodySchema },
    responses,
  };
}

function buildCompactSpec(): CompactSpec {
  const raw: unknown = JSON.parse(
    readFileSync(packageFile('@octokit/openapi', 'generated/api.github.com.json'), 'utf8'),
  );
  if (!isJsonObject(raw) || !isJsonObject(raw['paths']) || !isJsonObject(raw['components'])) {
    throw new Error('GitHub twin: @octokit/openapi description has an unexpected shape');
  }
  const resolve = resolver(raw);
  const operations: CompactOperation[] = [];
  for (const [template, item] of Object.entries(raw['paths'])) {
    if (!isJsonObject(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (isJsonObject(op) && typeof op['operationId'] === 'string') {
        operations.push(compactOperation(method, template, op, resolve));
      }
    }
  }
  return { components: normalizeComponents(raw['components'], REST_DOCUMENT_ID), operations };
}

function isCompactSpec(value: unknown): value is CompactSpec {
  return isJsonObject(value) && isJsonObject(value['components']) && Array.isArray(value['operations']);
}

/**
 * GitHub's REST OpenAPI description (api.github.com), normalized once per machine (cached in the temp
 * directory) and loaded once per process on first use.
 */
export function loadRestSpec(): RestSpec {
  if (cached) return cached;
  const compact = cachedFromPackage('rest', '@octokit/openapi', buildCompactSpec, isCompactSpec);
  const operations = compact.operations
    .map((op) => ({ ...op, ...compileTemplate(op.template) }))
    // Literal segments win over parameters: `/pulls/comments/{id}` before `/pulls/{pull_number}/…`.
    .sort((a, b) => b.literalSegments - a.literalSegments);
  cached = { components: compact.components, operations };
  return cached;
}

export interface OperationMatch {
  op: RestOperation;
  params: Record<string, string>;
}

/** Finds the documented operation for a method and URL path, with its decoded path parameters. */
export function matchOperation(spec: RestSpec, method: string, pathname: string): OperationMatch | null {
  for (const op of spec.operations) {
    if (op.method !== method) continue;
    const found = op.pattern.exec(pathname);
    if (!found) continue;
    const params: Record<string, string> = {};
    op.paramNames.forEach((name, i) => {
      params[name] = decodeURIComponent(found[i + 1] ?? '');
    });
    return { op, params };
  }
  return null;
}
