import Anthropic, { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type {
  Message,
  MessageCreateParamsNonStreaming,
} from '@anthropic-ai/sdk/resources/messages/messages.js';
import { SpanKind, type Attributes, type Tracer } from '@opentelemetry/api';
import type { Logger } from '../../monitoring/logger.js';
import { inSpan, NO_TRACING } from '../../monitoring/tracing.js';
import { z } from 'zod';
import { ModelResponseError, ModelUnavailableError } from './errors.js';
import { costOf, priceFor } from './pricing.js';
import { promptTokens, toTokenUsage, type TokenUsage } from './token-usage.js';

export type CreateMessageParams = Omit<MessageCreateParamsNonStreaming, 'stream'>;

export interface CreateMessageResult {
  message: Message;
  usage: TokenUsage;
  costUsd: number;
}

export interface ClaudeClient {
  /** One Messages API call, retried by the SDK on 408/409/429/5xx honouring `retry-after(-ms)`. */
  createMessage(
    params: CreateMessageParams,
    options?: { signal?: AbortSignal },
  ): Promise<CreateMessageResult>;
}

export interface ClaudeClientOptions {
  apiKey: string;
  /** Gateways, proxies and the test twin. */
  baseURL?: string;
  logger: Logger;
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** Per-attempt timeout in milliseconds (default 10 minutes). */
  timeoutMs?: number;
  /** Receive the answer over SSE (long outputs without idle HTTP timeouts). Default false. */
  streaming?: boolean;
  /** Each call is a span (OpenTelemetry GenAI conventions) of this tracer; none by default. */
  tracer?: Tracer;
}

const DEFAULT_MAX_RETRIES = 4;

/** The parts of a Messages API answer this client and the agent loops rely on; anything else is refused. */
const messageShape = z.looseObject({
  type: z.literal('message'),
  model: z.string(),
  content: z.array(z.looseObject({ type: z.string() })),
  usage: z.looseObject({ input_tokens: z.number(), output_tokens: z.number() }),
});

/** What arrived instead of a message, in a line: a body the SDK could not parse, or one of the wrong shape. */
function unreadable(answer: unknown): string {
  if (typeof answer === 'string') return `a ${answer.length}-character text body instead of JSON`;
  const parsed = messageShape.safeParse(answer);
  return parsed.success ? '' : `a JSON body that is not a message (${parsed.error.issues[0]?.message ?? ''})`;
}

function isUnavailable(error: unknown): error is APIError {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true;
  return (
    error instanceof APIError && error.status !== undefined && (error.status === 429 || error.status >= 500)
  );
}

/** A thin Claude client: the SDK does the retrying; this adds usage, cost and typed errors. */
export function createClaudeClient(options: ClaudeClientOptions): ClaudeClient {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const log = options.logger.child({ component: 'claude' });
  const sdk = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    maxRetries,
    timeout: options.timeoutMs ?? 600_000,
    logger: log,
    logLevel: 'info',
  });
  const warned = new Set<string>();

  async function send(params: CreateMessageParams, signal: AbortSignal | undefined): Promise<Message> {
    if (options.streaming) return sdk.messages.stream(params, { signal }).finalMessage();
    return sdk.messages.create({ ...params, stream: false }, { signal });
  }

  const tracer = options.tracer ?? NO_TRACING.tracer;

  return {
    createMessage: (params, callOptions = {}) =>
      inSpan(
        tracer,
        `chat ${params.model}`,
        { kind: SpanKind.CLIENT, attributes: requestAttributes(params) },
        async (span) => {
          const result = await createMessage(params, callOptions);
          span.setAttributes(responseAttributes(result));
          return result;
        },
      ),
  };

  async function createMessage(
    params: CreateMessageParams,
    { signal }: { signal?: AbortSignal },
  ): Promise<CreateMessageResult> {
    const started = Date.now();
    let message: Message;
    try {
      message = await send(params, signal);
    } catch (error) {
      // The SDK parses a JSON content type with JSON.parse: an HTML page served as JSON ends up here.
      if (error instanceof SyntaxError) {
        log.warn({ model: params.model, err: error }, 'Claude answered with a body that is not JSON');
        throw new ModelResponseError(params.model, error.message, { cause: error });
      }
      if (!isUnavailable(error)) throw error;
      log.warn({ model: params.model, status: error.status, err: error }, 'Claude unavailable after retries');
      throw new ModelUnavailableError(params.model, error.status, {
        cause: error,
        attempts: maxRetries + 1,
      });
    }
    // A body that is not JSON at all (an HTML page) comes back from the SDK as a string, typed as a message.
    const problem = unreadable(message);
    if (problem) {
      log.warn({ model: params.model, problem }, 'Claude answered with something that is not a message');
      throw new ModelResponseError(params.model, problem);
    }
    if (!priceFor(message.model).known && !warned.has(message.model)) {
      warned.add(message.model);
      log.warn(
        { model: message.model },
        'No price known for this model; cost is estimated at Sonnet 4 prices',
      );
    }
    const usage = toTokenUsage(message.usage);
    const costUsd = costOf(message.model, usage);
    log.debug(
      { model: message.model, usage, costUsd, stopReason: message.stop_reason, ms: Date.now() - started },
      'Claude call finished',
    );
    return { message, usage, costUsd };
  }
}

/** What a model call asks for, as OpenTelemetry GenAI span attributes. */
function requestAttributes(params: CreateMessageParams): Attributes {
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.system': 'anthropic',
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.request.model': params.model,
    'gen_ai.request.max_tokens': params.max_tokens,
  };
}

/** What it got: the model that answered, why it stopped, and its tokens (input counts cached tokens too). */
function responseAttributes({ message, usage, costUsd }: CreateMessageResult): Attributes {
  return {
    'gen_ai.response.id': message.id,
    'gen_ai.response.model': message.model,
    'gen_ai.response.finish_reasons': message.stop_reason ? [message.stop_reason] : [],
    'gen_ai.usage.input_tokens': promptTokens(usage),
    'gen_ai.usage.output_tokens': usage.outputTokens,
    'gen_ai.usage.cache_read.input_tokens': usage.cacheReadTokens,
    'gen_ai.usage.cache_creation.input_tokens': usage.cacheWriteTokens,
    'pipeline.cost_usd': costUsd,
  };
}
