/** A GitHub-style error answer (`{ message, documentation_url }`) raised by a domain operation or route. */
export class TwinHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, unknown>[],
  ) {
    super(message);
    this.name = 'TwinHttpError';
  }
}

export function notFound(): TwinHttpError {
  return new TwinHttpError(404, 'Not Found');
}
