import { z } from 'zod';

/** One event type: its literal name and the schema of its data. */
export function eventSchema<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({ type: z.literal(type), data });
}

/** The data of an event that carries none (stored as SQL NULL, read back as undefined). */
export const noData = z.undefined().optional();
