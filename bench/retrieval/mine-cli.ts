import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { mineTasks } from './mine-tasks.js';

/**
 * Writes a task set from a clone's history:
 * `npx tsx bench/retrieval/mine-cli.ts --dir <clone> --set axios --repo axios/axios --max 60 --out bench/retrieval/tasks/axios.jsonl`
 */
const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    set: { type: 'string' },
    repo: { type: 'string' },
    max: { type: 'string', default: '60' },
    rev: { type: 'string', default: 'HEAD' },
    out: { type: 'string' },
  },
});
if (!values.dir || !values.set || !values.repo || !values.out) {
  throw new Error(
    'usage: mine-cli --dir <clone> --set <name> --repo <owner/name> --out <file.jsonl> [--max N] [--rev REV]',
  );
}
const tasks = await mineTasks(values.dir, {
  set: values.set,
  repo: values.repo,
  max: Number(values.max),
  rev: values.rev,
});
await writeFile(values.out, tasks.map((t) => JSON.stringify(t)).join('\n') + '\n');
console.log(`${tasks.length} tasks → ${values.out}`);
