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
export { createMemoryQueue, type MemoryQueueOptions } from './memory-queue.js';
export * from './types.js';
