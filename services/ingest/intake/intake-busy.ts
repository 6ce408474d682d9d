/**
 * The bus is not keeping up: too many publishes are waiting, or one took longer than allowed.
 * HTTP answers 503 with Retry-After; nothing is buffered beyond the in-flight bound.
 */
export class IntakeBusy extends Error {
  constructor(
    message: string,
    readonly retryAfterS: number,
  ) {
    super(message);
    this.name = 'IntakeBusy';
  }
}
