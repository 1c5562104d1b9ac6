import type { Ajv, ValidateFunction } from 'ajv';
import { createAjv } from './create-ajv.js';
import { isJsonObject, type Json } from './normalize-schema.js';
import { REST_DOCUMENT_ID, type OperationMatch, type RestSpec } from './rest-spec.js';
import { toSchemaIssues, type SchemaIssue } from './ajv-issues.js';

export type RequestPart = 'path' | 'query' | 'body' | 'response';

export interface LocatedIssue extends SchemaIssue {
  part: RequestPart;
}

function coerce(value: string, schema: Json): Json {
  const type = isJsonObject(schema) ? schema['type'] : undefined;
  const types = Array.isArray(type) ? type : [type];
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(value))
    return Number(value);
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if (types.includes('array')) return value.split(',');
  return value;
}

/** Validates requests to and responses from the twin against GitHub's REST description, compiling lazily. */
export class RestValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(spec: RestSpec) {
    this.ajv = createAjv();
    this.ajv.addSchema({ $id: REST_DOCUMENT_ID, components: spec.components });
  }

  private compile(key: string, schema: Json): ValidateFunction {
    const existing = this.compiled.get(key);
    if (existing) return existing;
    const fn = this.ajv.compile(isJsonObject(schema) ? schema : {});
    this.compiled.set(key, fn);
    return fn;
  }

  private validateParams(
    match: OperationMatch,
    where: 'path' | 'query',
    values: (name: string) => string | null,
  ): LocatedIssue[] {
    const issues: LocatedIssue[] = [];
    for (const param of match.op.parameters.filter((p) => p.in === where)) {
      const raw = values(param.name);
      if (raw === null) {
        if (param.required) issues.push({ part: where, pointer: `/${param.name}`, message: 'is required' });
        continue;
      }
      const fn = this.compile(`${match.op.operationId} ${where} ${param.name}`, param.schema);
      if (!fn(coerce(raw, param.schema))) {
        issues.push(...toSchemaIssues(fn.errors, `/${param.name}`).map((i) => ({ ...i, part: where })));
      }
    }
    return issues;
  }

  validateRequest(match: OperationMatch, query: URLSearchParams, body: unknown): LocatedIssue[] {
    const issues = [
      ...this.validateParams(match, 'path', (name) => match.params[name] ?? null),
      ...this.validateParams(match, 'query', (name) => query.get(name)),
    ];
    const requestBody = match.op.requestBody;
    if (!requestBody || (body === undefined && !requestBody.required)) return issues;
    // A required body that is missing is checked as `{}`, so the issues name the missing fields.
    const fn = this.compile(`${match.op.operationId} body`, requestBody.schema);
    if (!fn(body ?? {}))
      issues.push(...toSchemaIssues(fn.errors).map((i) => ({ ...i, part: 'body' as const })));
    return issues;
  }

  /** Issues with a response body; a status the operation does not document is itself an issue. */
  validateResponse(match: OperationMatch, status: number, body: unknown): LocatedIssue[] {
    const schema = match.op.responses[String(status)];
    if (schema === undefined) {
      return [
        { part: 'response', pointer: '/', message: `status ${status} is not documented for this operation` },
      ];
    }
    if (schema === null) return [];
    const fn = this.compile(`${match.op.operationId} response ${status}`, schema);
    if (fn(body)) return [];
    return toSchemaIssues(fn.errors).map((i) => ({ ...i, part: 'response' as const }));
  }
}
