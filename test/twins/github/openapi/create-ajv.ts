import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/** An ajv instance suited to GitHub's OpenAPI documents: unknown keywords (`x-github`, `example`) are ignored. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, inlineRefs: false, validateSchema: false });
  addFormats.default(ajv);
  return ajv;
}
