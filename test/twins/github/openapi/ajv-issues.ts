import type { ErrorObject } from 'ajv';

/** One field that broke a schema: a JSON pointer into the checked value and what is wrong with it. */
export interface SchemaIssue {
  pointer: string;
  message: string;
}

function detail(error: ErrorObject): string {
  const params: Record<string, unknown> = error.params;
  const allowed = params['allowedValues'];
  if (Array.isArray(allowed)) return ` (${allowed.map((v) => JSON.stringify(v)).join(', ')})`;
  return '';
}

/** Turns ajv errors into issues whose pointer names the offending field itself (also for missing ones). */
export function toSchemaIssues(errors: ErrorObject[] | null | undefined, prefix = ''): SchemaIssue[] {
  if (!errors) return [];
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const error of errors) {
    const params: Record<string, unknown> = error.params;
    const extra = params['missingProperty'] ?? params['additionalProperty'];
    const pointer = `${prefix}${error.instancePath}${typeof extra === 'string' ? `/${extra}` : ''}`;
    const message = `${error.message ?? 'is invalid'}${detail(error)}`;
    const key = `${pointer} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ pointer: pointer || '/', message });
  }
  return issues;
}
