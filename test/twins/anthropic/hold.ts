/** A request kept waiting by the twin until the test releases it (a model turn in progress). */
export interface TwinHold {
  /** Resolves once a matching request has arrived and is being held. */
  readonly arrived: Promise<void>;
  /** Lets the held request be answered (or the next matching one pass at once). */
  release(): void;
}

/** A hold waiting for its request: which requests it takes, and how it is signalled. */
export interface PendingHold {
  systemIncludes: string;
  take(): Promise<void>;
}

/** A hold on the next request whose system prompt contains `systemIncludes`. */
export function createHold(systemIncludes: string): { hold: TwinHold; pending: PendingHold } {
  let arrive = () => {};
  let release = () => {};
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    hold: { arrived, release },
    pending: {
      systemIncludes,
      take() {
        arrive();
        return released;
      },
    },
  };
}
