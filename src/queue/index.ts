export { createBullmqQueue, type BullmqQueueOptions } from './bullmq-queue.js';
export { createQueue, type CreateQueueOptions } from './create-queue.js';
export { PermanentJobError, TransientJobError } from './errors.js';
export {
  createEventBus,
  type CreateEventBusOptions,
  type EventBus,
  type LiveEvent,
  type LiveEventHandler,
} from './event-bus.js';
export { JOB_AFTER } from './job-for-run.js';
export { createMemoryQueue, type MemoryQueueOptions } from './memory-queue.js';
export { requeueQueuedRuns } from './requeue-queued-runs.js';
export { enqueueOrDefer } from './enqueue-or-defer.js';
export * from './types.js';
