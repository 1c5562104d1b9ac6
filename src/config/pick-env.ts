/**
 * Copies only the named variables from `source` (this process's environment by default).
 * The one sanctioned way for other layers to read the environment: an explicit allow-list, kept in config/.
 */
export function pickEnv(
  names: readonly string[],
  source: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = source[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}
