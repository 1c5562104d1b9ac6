/** A request the script did not expect, kept so `assertScriptDone()` can list it. */
export interface TwinFailure {
  conversation: string | undefined;
  turn: number;
  /** Readable text: what the script expected and a snippet of what arrived. */
  message: string;
}

export function twinFailure(conversation: string | undefined, turn: number, lines: string[]): TwinFailure {
  const where = conversation ? `conversation "${conversation}" turn ${turn}` : `turn ${turn}`;
  return {
    conversation,
    turn,
    message: [`Anthropic twin, ${where}: ${lines[0] ?? ''}`, ...lines.slice(1)].join('\n'),
  };
}
