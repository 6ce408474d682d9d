/**
 * ISO 8601 timestamps with a numeric offset in a named time zone (default Europe/Berlin), e.g.
 * `2021-07-14T16:35:21+02:00`. CAP 1.2's schema pattern refuses `Z`, and NINA clients expect
 * the German local time with its offset (+01:00 in winter, +02:00 in summer). Uses Intl only.
 */
export const FEED_TIME_ZONE = 'Europe/Berlin';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at instant `epochMs`, in whole minutes (Berlin: 60 or 120). */
export function offsetMinutes(epochMs: number, timeZone = FEED_TIME_ZONE): number {
  const parts = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const whole = Math.floor(epochMs / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute!, second: out.second! };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DDThh:mm:ss±hh:mm` (seconds precision, as CAP wants) for an epoch-ms instant. */
export function isoWithOffset(epochMs: number, timeZone = FEED_TIME_ZONE): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a time: ${epochMs}`);
  const w = wallClock(epochMs, timeZone);
  const off = offsetMinutes(epochMs, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** HTTP-date (RFC 9110) for Last-Modified, second precision. */
export function httpDate(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toUTCString();
}

/** The CAP `dateTime` pattern (schema) with a numeric offset; `Z` is refused. */
export const CAP_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/;
