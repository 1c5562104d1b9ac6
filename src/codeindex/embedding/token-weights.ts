/**
 * A fixed prior for how much a token says about a chunk, standing in for IDF where corpus statistics
 * are not available (the local embedder must give the same vector for the same text in any repo).
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be but by do does for from has have if in into is it its of on or so than that the ' +
    'their then there these this to was were when where which while will with not no can should would could ' +
    'we you they he she i me my our your also only just more most other some such use used using via'
  ).split(' '),
);

const KEYWORDS = new Set(
  (
    'const let var function return import export default class interface type extends implements new this ' +
    'async await try catch finally throw if else for while switch case break continue null undefined true ' +
    'false void public private protected static readonly def self none pass elif lambda func package go defer ' +
    'struct impl fn pub mut let use mod match string number boolean int err nil string'
  ).split(' '),
);

/** Weight in (0, 1.5]: stop words and language keywords count little, paths and long identifiers more. */
export function tokenPrior(token: string): number {
  if (token.startsWith('path:')) return 1.5;
  if (token.startsWith('file:')) return 1.3;
  if (STOP_WORDS.has(token)) return 0.05;
  if (KEYWORDS.has(token)) return 0.2;
  if (/^\d+$/.test(token)) return 0.2;
  if (token.length <= 2) return 0.4;
  return 1;
}
