/**
 * A live-event subscriber in its own process, as the API or MCP server will be: it reports `subscribed` to
 * the parent over IPC once listening, then every event it receives.
 */
import { createEventBus } from '../../src/queue/index.js';
import { testLogger } from './test-logger.js';

const { CHILD_REDIS_URL, CHILD_PREFIX } = process.env;
if (!CHILD_REDIS_URL || !CHILD_PREFIX || !process.send) {
  throw new Error('event-bus-child needs CHILD_REDIS_URL, CHILD_PREFIX and an IPC channel');
}
const send = process.send.bind(process);

const bus = createEventBus({ redisUrl: CHILD_REDIS_URL, prefix: CHILD_PREFIX, logger: testLogger() });
await bus.subscribe((event) => send({ type: 'event', event }));
send({ type: 'subscribed' });
