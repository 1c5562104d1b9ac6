export {
  createClaudeClient,
  type ClaudeClient,
  type ClaudeClientOptions,
  type CreateMessageParams,
  type CreateMessageResult,
} from './claude-client.js';
export { BudgetExceededError, ModelResponseError, ModelUnavailableError } from './errors.js';
export {
  CACHE_READ_MULTIPLIER,
  CACHE_WRITE_MULTIPLIER,
  costOf,
  priceFor,
  type ModelPrice,
} from './pricing.js';
export { ZERO_USAGE, addTokenUsage, promptTokens, toTokenUsage, type TokenUsage } from './token-usage.js';
