export { InvalidRunEventError, parseRunEventBody } from './parse-run-event-body.js';
export { parseRunEvent } from './parse-run-event.js';
export {
  RunEventTypes,
  runEventBodySchema,
  type RunEventBody,
  type RunEventBodyInput,
  type RunEventData,
  type RunEventDataInput,
  type RunEventType,
} from './run-event-body.js';
export {
  toPublished,
  type PublishedRunEvent,
  type RunEvent,
  type RunEventMeta,
  type RunEventOf,
  type StoredRunEvent,
  type UnreadableRunEvent,
} from './run-event.js';
export {
  TEST_ANNOTATION_MESSAGE_CHARS,
  TEST_ANNOTATIONS_KEPT,
  TEST_OUTPUT_TAIL_CHARS,
} from './work-events.js';
