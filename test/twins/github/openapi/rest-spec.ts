import { readFileSync } from 'node:fs';
import { isJsonObject, normalizeComponents, type Json, type JsonObject } from './normalize-schema.js';
import { packageFile } from './package-file.js';

export const REST_DOCUMENT_ID = 'https://twin.local/api.github.com.json';

export interface RestOperation {
  method: string;
  template: string;
  operationId: string;
  operation: JsonObject;
  pattern: RegExp;
  paramNames: string[];
  literalSegments: number;
}

export interface RestSpec {
  /** `components` with schemas normalized for ajv (registered under REST_DOCUMENT_ID). */
  components: JsonObject;
  operations: RestOperation[];
  /** Resolves a local `#/components/...` reference inside the raw document. */
  resolve(node: Json | undefined): JsonObject | undefined;
}

let cached: RestSpec | undefined;

function compileTemplate(template: string): { pattern: RegExp; paramNames: string[]; literalSegments: number } {
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

function buildOperations(paths: JsonObject): RestOperation[] {
  const operations: RestOperation[] = [];
  for (const [template, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isJsonObject(operation) || typeof operation['operationId'] !== 'string') continue;
      operations.push({
        method: method.toUpperCase(),
        template,
        operationId: operation['operationId'],
        operation,
        ...compileTemplate(template),
      });
    }
  }
  // Literal segments win over parameters: `/repos/{o}/{r}/pulls/comments/{id}` before `/pulls/{n}/…`.
  return operations.sort((a, b) => b.literalSegments - a.literalSegments);
}

/** GitHub's REST OpenAPI description (api.github.com), parsed once per process on first use. */
export function loadRestSpec(): RestSpec {
  if (cached) return cached;
  const raw: unknown = JSON.parse(
    readFileSync(packageFile('@octokit/openapi', 'generated/api.github.com.json'), 'utf8'),
  );
  if (!isJsonObject(raw) || !isJsonObject(raw['paths']) || !isJsonObject(raw['components'])) {
    throw new Error('GitHub twin: @octokit/openapi description has an unexpected shape');
  }
  const rawComponents = raw['components'];
  const normalized = normalizeComponents(rawComponents, REST_DOCUMENT_ID);
  const resolve = (node: Json | undefined): JsonObject | undefined => {
    if (!isJsonObject(node)) return undefined;
    const ref = node['$ref'];
    if (typeof ref !== 'string') return node;
    let target: Json | undefined = raw;
    for (const part of ref.replace(/^#\//, '').split('/')) target = isJsonObject(target) ? target[part] : undefined;
    return isJsonObject(target) ? target : undefined;
  };
  cached = {
    components: normalized,
    operations: buildOperations(raw['paths']),
    resolve,
  };
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
