import type { TokenUsage } from './token-usage.js';

/** US dollars per million tokens. */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}

/** 5-minute cache writes cost 1.25× input; cache reads 0.1× input. */
export const CACHE_WRITE_MULTIPLIER = 1.25;
export const CACHE_READ_MULTIPLIER = 0.1;

const SONNET_4: ModelPrice = { inputPerMTok: 3, outputPerMTok: 15 };
const OPUS_4: ModelPrice = { inputPerMTok: 15, outputPerMTok: 75 };
const OPUS_4_5: ModelPrice = { inputPerMTok: 5, outputPerMTok: 25 };
const HAIKU_4_5: ModelPrice = { inputPerMTok: 1, outputPerMTok: 5 };

interface ModelName {
  family: string;
  major: number;
  minor: number;
}

/** Reads `claude-<family>-<major>[-<minor>][-<yyyymmdd>]`; a date suffix is not a minor version. */
function parseModel(model: string): ModelName | undefined {
  const m = /^claude-(opus|sonnet|haiku)-(\d+)(?:-(\d{1,2}))?(?:-\d{8})?$/.exec(model);
  if (!m?.[1] || !m[2]) return undefined;
  return { family: m[1], major: Number(m[2]), minor: m[3] === undefined ? 0 : Number(m[3]) };
}

function knownPrice(name: ModelName): ModelPrice | undefined {
  if (name.major !== 4) return undefined;
  if (name.family === 'sonnet') return SONNET_4;
  if (name.family === 'opus') return name.minor >= 5 ? OPUS_4_5 : OPUS_4;
  if (name.family === 'haiku' && name.minor === 5) return HAIKU_4_5;
  return undefined;
}

/**
 * The price of a model. Unknown models are charged at the Sonnet 4 price with `known: false`,
 * so the caller can warn that the cost figure is an estimate.
 */
export function priceFor(model: string): { price: ModelPrice; known: boolean } {
  const name = parseModel(model);
  const price = name ? knownPrice(name) : undefined;
  return price ? { price, known: true } : { price: SONNET_4, known: false };
}

/** Dollar cost of one call's (or a sum of calls') usage. */
export function costOf(model: string, usage: TokenUsage): number {
  const { price } = priceFor(model);
  const input =
    usage.inputTokens +
    usage.cacheWriteTokens * CACHE_WRITE_MULTIPLIER +
    usage.cacheReadTokens * CACHE_READ_MULTIPLIER;
  return (input * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
}
