/**
 * Event times arrive as ISO 8601 with an explicit zone (`2024-05-01T12:00:00Z`,
 * `...+02:00`, as PEGELONLINE sends them) or as epoch milliseconds. A time without a zone is
 * refused: guessing local time would shift readings by an hour twice a year.
 */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Latest epoch ms accepted as a number at all (year 9999); range checks come later. */
const MAX_EPOCH_MS = 253_402_300_799_999;

export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 && value <= MAX_EPOCH_MS ? value : null;
  }
  if (typeof value === 'string') {
    if (value.length > 40 || !ISO_WITH_ZONE.test(value)) return null;
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}
