export { scanDiffForSecrets } from './scan-diff-for-secrets.js';
export { scanTextForSecrets } from './scan-text-for-secrets.js';
export { createSecretRedactor } from './redact-secrets.js';
export { parseAddedLines, type AddedLine } from './parse-added-lines.js';
export { describeFindings } from './describe-findings.js';
export { OutboundSecretError } from './outbound-secret-error.js';
export type { ScanOptions, SecretFinding } from './types.js';
