/** The first 4 characters of a secret and an ellipsis: enough to find it, not enough to use it. */
export function redactValue(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}
