import { CAP_DATE_TIME, httpDate, isoWithOffset, offsetMinutes } from './time';

describe('isoWithOffset (Europe/Berlin)', () => {
  it('uses +01:00 in winter and +02:00 in summer', () => {
    expect(isoWithOffset(Date.UTC(2024, 0, 15, 12, 0, 0))).toBe('2024-01-15T13:00:00+01:00');
    expect(isoWithOffset(Date.UTC(2021, 6, 14, 14, 35, 21))).toBe('2021-07-14T16:35:21+02:00');
  });

  it('switches at the DST boundaries (last Sunday of March / October, 01:00 UTC)', () => {
    // 2024-03-31 01:00 UTC: 02:00 CET becomes 03:00 CEST
    expect(isoWithOffset(Date.UTC(2024, 2, 31, 0, 59, 59))).toBe('2024-03-31T01:59:59+01:00');
    expect(isoWithOffset(Date.UTC(2024, 2, 31, 1, 0, 0))).toBe('2024-03-31T03:00:00+02:00');
    // 2024-10-27 01:00 UTC: 03:00 CEST becomes 02:00 CET (02:xx happens twice)
    expect(isoWithOffset(Date.UTC(2024, 9, 27, 0, 30, 0))).toBe('2024-10-27T02:30:00+02:00');
    expect(isoWithOffset(Date.UTC(2024, 9, 27, 1, 30, 0))).toBe('2024-10-27T02:30:00+01:00');
  });

  it('crosses the date line of local midnight and truncates milliseconds', () => {
    expect(isoWithOffset(Date.UTC(2023, 11, 31, 23, 30, 0, 999))).toBe('2024-01-01T00:30:00+01:00');
  });

  it('round-trips to the same instant and matches the CAP pattern, never Z', () => {
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 7 * 3600_000 + 13_000) {
      const s = isoWithOffset(t);
      expect(s).toMatch(CAP_DATE_TIME);
      expect(Date.parse(s)).toBe(Math.floor(t / 1000) * 1000);
    }
  });

  it('works for other zones and negative offsets', () => {
    expect(offsetMinutes(Date.UTC(2024, 0, 1), 'America/New_York')).toBe(-300);
    expect(isoWithOffset(Date.UTC(2024, 0, 1, 12), 'America/New_York')).toBe('2024-01-01T07:00:00-05:00');
  });

  it('refuses non-finite times', () => {
    expect(() => isoWithOffset(NaN)).toThrow(RangeError);
  });

  it('formats HTTP dates', () => {
    expect(httpDate(Date.UTC(2024, 0, 15, 12, 0, 0, 500))).toBe('Mon, 15 Jan 2024 12:00:00 GMT');
  });
});
