/**
 * CAP 1.2 dateTime: "2021-07-14T16:35:21+02:00". The schema's pattern refuses "Z" and
 * fractions, and NINA clients expect the local offset, so times are written in Europe/Berlin.
 */
export function capDateTime(ms: number, timeZone = 'Europe/Berlin'): string {
  const whole = Math.floor(ms / 1000) * 1000;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(whole));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const local = `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
  const offsetMin = Math.round((Date.parse(local + 'Z') - whole) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
