/** Durations in rules are written `90s`, `15m`, `6h`, `2d` (or a plain number of milliseconds). */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;

export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new Error(`invalid duration ${text}`);
    return text;
  }
  const m = PATTERN.exec(text.trim());
  if (!m) throw new Error(`invalid duration "${text}" (use e.g. 90s, 15m, 6h, 2d)`);
  return Math.round(Number(m[1]) * UNITS[m[2]]);
}

export const DURATION_PATTERN = '^\\d+(\\.\\d+)?\\s*(ms|s|m|h|d)$';

/** Human form for driver texts: 6h, 15min, 90s. */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}min`;
  return `${Math.round(ms / 1000)}s`;
}
