/** A reading (or batch item) that was refused, with the raw input kept; on `readings.dead.v1`. */
export interface RejectedInput {
  id: string;
  /** `http:<source>`, `mqtt:<topic>`, `pegelonline`, `engine` (too late for its window), ... */
  source: string;
  /** The raw input exactly as received (bytes, may be invalid UTF-8). */
  payload: Buffer;
  /** Machine-readable reason code, e.g. `invalid-json`, `unknown-station`, `out-of-range`, `too-late`. */
  reason: string;
  /** One sentence for a human. */
  detail: string;
  /** JSON pointer of the offending field, when there is one. */
  field: string | null;
  stationId: string | null;
  receivedAt: number;
}
