import type { Settings } from './settings.js';

/**
 * The settings' secret values, raw and as they appear inside a JSON string (a PEM's newlines become `\n`):
 * what the logger redacts from every line and what the app refuses to send anywhere.
 */
export function secretValues(settings: Settings): string[] {
  const values = [
    settings.PRIVATE_KEY,
    settings.WEBHOOK_SECRET,
    settings.ANTHROPIC_API_KEY,
    settings.VOYAGE_API_KEY,
    settings.OPENAI_API_KEY,
    settings.PIPELINE_STATUS_TOKEN,
    settings.PIPELINE_API_TOKEN,
    passwordOf(settings.DATABASE_URL),
    passwordOf(settings.REDIS_URL),
    ...settings.deploySecrets.map((grant) => grant.value),
  ].filter((value): value is string => Boolean(value));
  return values.flatMap((value) => [value, JSON.stringify(value).slice(1, -1)]);
}

function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
