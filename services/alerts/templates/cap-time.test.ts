import { capDateTime } from './cap-time';

describe('capDateTime', () => {
  it('writes summer time with +02:00 and winter time with +01:00, never Z', () => {
    expect(capDateTime(Date.parse('2021-07-14T14:35:21.456Z'))).toBe('2021-07-14T16:35:21+02:00');
    expect(capDateTime(Date.parse('2024-01-05T23:30:00Z'))).toBe('2024-01-06T00:30:00+01:00');
  });

  it('matches the CAP 1.2 sent pattern', () => {
    const pattern = /^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-,+]\d\d:\d\d$/;
    expect(capDateTime(0)).toMatch(pattern);
    expect(capDateTime(0, 'UTC')).toBe('1970-01-01T00:00:00+00:00');
  });
});
