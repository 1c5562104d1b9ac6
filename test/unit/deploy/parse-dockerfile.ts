/** One instruction of a Dockerfile: `RUN apt-get …` → `{ keyword: 'RUN', args: 'apt-get …' }`. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** One build stage: its `FROM` line and the instructions after it. */
export interface Stage {
  /** The image it starts from, e.g. `node:20-bookworm-slim` or another stage's name. */
  from: string;
  /** `AS <name>`, if any. */
  name?: string;
  instructions: Instruction[];
}

/**
 * A small Dockerfile reader for text checks (no Docker engine runs here): joins `\` continuations,
 * drops comments and parser directives, splits into stages, and substitutes global `ARG` defaults
 * into `FROM` lines.
 */
export function parseDockerfile(text: string): Stage[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of logical) {
    const match = /^(\S+)\s*(.*)$/.exec(line);
    if (!match) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    const args = (match[2] ?? '').replace(/\s+/g, ' ');
    if (keyword === 'FROM') {
      const [image = '', as, name] = args.replace(/--platform=\S+\s*/, '').split(' ');
      const from = image.replace(
        /\$\{(\w+)\}|\$(\w+)/g,
        (_m, a?: string, b?: string) => globalArgs.get(a ?? b ?? '') ?? '',
      );
      stages.push({ from, ...(as?.toUpperCase() === 'AS' && name ? { name } : {}), instructions: [] });
    } else if (stages.length === 0 && keyword === 'ARG') {
      const [key = '', value = ''] = args.split('=');
      globalArgs.set(key, value);
    } else {
      stages.at(-1)?.instructions.push({ keyword, args });
    }
  }
  return stages;
}
