import { z } from 'zod';
import { agentEventSchemas } from './agent-events.js';
import { deployEventSchemas } from './deploy-events.js';
import { transitionEventSchemas } from './transition-events.js';
import { workEventSchemas } from './work-events.js';

/** Every event a run's timeline may hold, by its snake_case `type`: what `appendEvent` accepts. */
export const runEventBodySchema = z.discriminatedUnion('type', [
  ...transitionEventSchemas,
  ...workEventSchemas,
  ...agentEventSchemas,
  ...deployEventSchemas,
]);

/** A known event's type and data, as read back (defaults applied). */
export type RunEventBody = z.output<typeof runEventBodySchema>;
/** A known event's type and data, as a writer gives it. */
export type RunEventBodyInput = z.input<typeof runEventBodySchema>;
export type RunEventType = RunEventBody['type'];
export type RunEventData<T extends RunEventType> = Extract<RunEventBody, { type: T }>['data'];
export type RunEventDataInput<T extends RunEventType> = Extract<RunEventBodyInput, { type: T }>['data'];

export const RunEventTypes: readonly RunEventType[] = runEventBodySchema.options.map(
  (option) => option.shape.type.value,
);
