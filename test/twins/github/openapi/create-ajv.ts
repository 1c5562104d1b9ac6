import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/** An ajv instance suited to GitHub's OpenAPI documents: unknown keywords (`x-github`, `example`) are ignored. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, inlineRefs: false, validateSchema: false });
  addFormats.default(ajv);
  ajv.addFormat('repo.nwo', /^[\w.-]+\/[\w.-]+$/);
  // GitHub's own bot addresses (`41898282+github-actions[bot]@users.noreply.github.com`) break RFC 5322's
  // local-part rules that ajv-formats applies, yet GitHub sends them in every bot's commit payloads.
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  ajv.addFormat('timestamp', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv;
}
