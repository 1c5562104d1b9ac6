import { readFile } from 'node:fs/promises';
import { taskSchema, type Task } from './task.js';

/** Reads a JSONL task file, validating every line. */
export async function loadTasks(file: string): Promise<Task[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const parsed = taskSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}
