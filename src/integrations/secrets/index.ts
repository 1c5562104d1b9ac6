export { scanDiffForSecrets } from './scan-diff-for-secrets.js';
export { createSecretRedactor } from './redact-secrets.js';
export { parseAddedLines, type AddedLine } from './parse-added-lines.js';
export type { SecretFinding } from './types.js';
