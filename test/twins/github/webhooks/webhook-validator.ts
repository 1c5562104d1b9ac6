import { readFileSync } from 'node:fs';
import type { Ajv, ValidateFunction } from 'ajv';
import { createAjv } from '../openapi/create-ajv.js';
import { cachedFromPackage } from '../openapi/disk-cache.js';
import { isJsonObject, normalizeComponents, type JsonObject } from '../openapi/normalize-schema.js';
import { packageFile } from '../openapi/package-file.js';
import { toSchemaIssues, type SchemaIssue } from '../openapi/ajv-issues.js';

const DOCUMENT_ID = 'https://twin.local/webhooks.json';

interface WebhookDocument {
  components: JsonObject;
  /** `issues-opened` → `#/components/schemas/webhook-issues-opened`. */
  refs: Record<string, string>;
}

interface WebhookSchemas {
  ajv: Ajv;
  refs: Record<string, string>;
  compiled: Map<string, ValidateFunction>;
}

let cached: WebhookSchemas | undefined;

function buildDocument(): WebhookDocument {
  const raw: unknown = JSON.parse(
    readFileSync(packageFile('@octokit/openapi-webhooks', 'generated/api.github.com.json'), 'utf8'),
  );
  if (!isJsonObject(raw) || !isJsonObject(raw['webhooks']) || !isJsonObject(raw['components'])) {
    throw new Error('GitHub twin: @octokit/openapi-webhooks has an unexpected shape');
  }
  const refs: Record<string, string> = {};
  for (const [key, item] of Object.entries(raw['webhooks'])) {
    const post = isJsonObject(item) ? item['post'] : undefined;
    const body = isJsonObject(post) ? post['requestBody'] : undefined;
    const content = isJsonObject(body) ? body['content'] : undefined;
    const json = isJsonObject(content) ? content['application/json'] : undefined;
    const schema = isJsonObject(json) ? json['schema'] : undefined;
    const ref = isJsonObject(schema) ? schema['$ref'] : undefined;
    if (typeof ref === 'string') refs[key] = ref;
  }
  return { components: normalizeComponents(raw['components'], DOCUMENT_ID), refs };
}

function isWebhookDocument(value: unknown): value is WebhookDocument {
  return isJsonObject(value) && isJsonObject(value['components']) && isJsonObject(value['refs']);
}

function load(): WebhookSchemas {
  if (cached) return cached;
  const document = cachedFromPackage(
    'webhooks',
    '@octokit/openapi-webhooks',
    buildDocument,
    isWebhookDocument,
  );
  const ajv = createAjv();
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
  cached = { ajv, refs: document.refs, compiled: new Map() };
  return cached;
}

/** The webhooks document key for an event and action, e.g. `pull_request` + `ready_for_review`. */
export function webhookKey(event: string, action: string | null): string {
  return [event, action].filter(Boolean).join('-').replace(/_/g, '-');
}

/**
 * Checks a payload against the schema `@octokit/openapi-webhooks` documents for it. An event the
 * document does not know is reported as one issue.
 */
export function validateWebhookPayload(event: string, payload: Record<string, unknown>): SchemaIssue[] {
  const schemas = load();
  const action = typeof payload['action'] === 'string' ? payload['action'] : null;
  const key = webhookKey(event, action);
  const ref = Object.hasOwn(schemas.refs, key) ? schemas.refs[key] : undefined;
  if (!ref) return [{ pointer: '/', message: `GitHub documents no webhook ${key}` }];
  let fn = schemas.compiled.get(key);
  if (!fn) {
    fn = schemas.ajv.compile({ $ref: `${DOCUMENT_ID}${ref}` });
    schemas.compiled.set(key, fn);
  }
  return fn(payload) ? [] : toSchemaIssues(fn.errors);
}
