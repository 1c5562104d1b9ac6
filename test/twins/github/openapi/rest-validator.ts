import type { Ajv, ValidateFunction } from 'ajv';
import { createAjv } from './create-ajv.js';
import { isJsonObject, normalizeSchema, type Json, type JsonObject } from './normalize-schema.js';
import { REST_DOCUMENT_ID, type OperationMatch, type RestSpec } from './rest-spec.js';
import { toSchemaIssues, type SchemaIssue } from './ajv-issues.js';

export type RequestPart = 'path' | 'query' | 'body' | 'response';

export interface LocatedIssue extends SchemaIssue {
  part: RequestPart;
}

interface ParameterSpec {
  name: string;
  in: string;
  required: boolean;
  schema: JsonObject;
}

function coerce(value: string, schema: JsonObject): Json {
  const type = schema['type'];
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (type === 'array') return value.split(',');
  return value;
}

/** Validates requests to and responses from the twin against GitHub's REST description, compiling lazily. */
export class RestValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly spec: RestSpec) {
    this.ajv = createAjv();
    this.ajv.addSchema({ $id: REST_DOCUMENT_ID, components: spec.components });
  }

  private compile(key: string, schema: Json): ValidateFunction {
    const existing = this.compiled.get(key);
    if (existing) return existing;
    const normalized = normalizeSchema(schema, REST_DOCUMENT_ID);
    const fn = this.ajv.compile(isJsonObject(normalized) ? normalized : {});
    this.compiled.set(key, fn);
    return fn;
  }

  private parameters(match: OperationMatch): ParameterSpec[] {
    const list = match.op.operation['parameters'];
    if (!Array.isArray(list)) return [];
    const result: ParameterSpec[] = [];
    for (const entry of list) {
      const param = this.spec.resolve(entry);
      if (!param || typeof param['name'] !== 'string' || typeof param['in'] !== 'string') continue;
      const schema = this.spec.resolve(param['schema']) ?? {};
      result.push({ name: param['name'], in: param['in'], required: param['required'] === true, schema });
    }
    return result;
  }

  private validateParams(
    match: OperationMatch,
    where: 'path' | 'query',
    values: (name: string) => string | null,
  ): LocatedIssue[] {
    const params = this.parameters(match).filter((p) => p.in === where);
    const issues: LocatedIssue[] = [];
    for (const param of params) {
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
    const requestBody = this.spec.resolve(match.op.operation['requestBody']);
    if (!requestBody) return issues;
    const content = requestBody['content'];
    const json = isJsonObject(content) ? content['application/json'] : undefined;
    const schema = isJsonObject(json) ? json['schema'] : undefined;
    if (schema === undefined) return issues;
    if (body === undefined && requestBody['required'] !== true) return issues;
    // A required body that is missing is checked as `{}`, so the issues name the missing fields.
    const fn = this.compile(`${match.op.operationId} body`, schema);
    if (!fn(body ?? {})) issues.push(...toSchemaIssues(fn.errors).map((i) => ({ ...i, part: 'body' as const })));
    return issues;
  }

  /** Issues with a response body; a status the operation does not document is itself an issue. */
  validateResponse(match: OperationMatch, status: number, body: unknown): LocatedIssue[] {
    const responses = match.op.operation['responses'];
    const response = isJsonObject(responses) ? this.spec.resolve(responses[String(status)]) : undefined;
    if (!response) {
      return [{ part: 'response', pointer: '/', message: `status ${status} is not documented for this operation` }];
    }
    const content = response['content'];
    if (!isJsonObject(content)) return [];
    const json = content['application/json'] ?? Object.values(content)[0];
    const schema = isJsonObject(json) ? json['schema'] : undefined;
    if (schema === undefined) return [];
    const fn = this.compile(`${match.op.operationId} response ${status}`, schema);
    if (fn(body)) return [];
    return toSchemaIssues(fn.errors).map((i) => ({ ...i, part: 'response' as const }));
  }
}
