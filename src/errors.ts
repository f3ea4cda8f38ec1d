/**
 * The one error type of Registru. `code` is stable (clients match on it), `message` is safe
 * to show and to log: it never carries personal data.
 */
export class RegistruError extends Error {
  override readonly name = "RegistruError";

  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const isRegistruError = (e: unknown): e is RegistruError => e instanceof RegistruError;
