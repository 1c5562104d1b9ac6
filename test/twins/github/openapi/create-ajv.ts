import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/** An ajv instance suited to GitHub's OpenAPI documents: unknown keywords (`x-github`, `example`) are ignored. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, inlineRefs: false, validateSchema: false });
  addFormats.default(ajv);
  ajv.addFormat('repo.nwo', /^[\w.-]+\/[\w.-]+$/);
  ajv.addFormat('timestamp', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv;
}
