/** Shorter values would match ordinary words; the app's secrets are never this short. */
const MIN_KNOWN_LENGTH = 8;

/** Whether `text` holds one of the app's own secret values verbatim (a key, a webhook secret, a password). */
export function matchKnownSecrets(text: string, knownSecrets: readonly string[] = []): boolean {
  return knownSecrets.some((secret) => secret.length >= MIN_KNOWN_LENGTH && text.includes(secret));
}
