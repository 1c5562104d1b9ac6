import type { Settings } from '../config/settings.js';

/**
 * The run's page on the app's dashboard (`<PIPELINE_PUBLIC_URL>/runs/<id>`), linked from the status comment,
 * the pull request and the check run; undefined when no public URL is configured (nothing links then).
 */
export function runPageUrl(
  settings: Pick<Settings, 'PIPELINE_PUBLIC_URL'>,
  runId: string,
): string | undefined {
  const base = settings.PIPELINE_PUBLIC_URL;
  if (!base) return undefined;
  return `${base.replace(/\/+$/, '')}/runs/${encodeURIComponent(runId)}`;
}
