export {
  createClaudeClient,
  type ClaudeClient,
  type ClaudeClientOptions,
  type CreateMessageParams,
  type CreateMessageResult,
} from './claude-client.js';
export { BudgetExceededError, ModelResponseError, ModelUnavailableError } from './errors.js';
export { costOf, priceFor, type ModelPrice } from './pricing.js';
export { ZERO_USAGE, addTokenUsage, promptTokens, type TokenUsage } from './token-usage.js';
