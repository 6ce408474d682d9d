import { FWI_STARTUP, fwiDay } from './fwi-day';
import { FwiStation } from './fwi-state';

const HOUR = 3_600_000;
const TEN_MIN = 600_000;
/** Noon MEZ (11:00 UTC) of a day in 1985. */
const noon = (month: number, day: number) => Date.UTC(1985, month - 1, day, 11);

/** First days of the cffdrs test_fwi record (see fwi-reference.test.ts for the source): month, day, temp, rh, wind, rain | FFMC, DMC, DC, FWI. */
const DAYS: Array<[number, number, number, number, number, number, number, number, number, number]> = [
  [4, 13, 17, 42, 25, 0, 87.649, 8.545, 19.014, 10.036],
  [4, 14, 20, 21, 25, 2.4, 86.201, 10.402, 23.568, 9.22],
  [4, 15, 8.5, 40, 17, 0, 86.908, 11.798, 26.052, 7.517],
  [4, 16, 6.5, 25, 6, 0, 88.759, 13.18, 28.176, 6.095],
  [4, 17, 13, 34, 24, 0, 89.041, 15.436, 31.47, 14.735],
  [4, 18, 6, 40, 22, 0.4, 88.588, 16.469, 33.504, 13.355],
  [4, 19, 5.5, 52, 6, 0, 87.279, 17.237, 35.448, 5.796],
  [4, 20, 8.5, 46, 16, 0, 87.279, 18.494, 37.932, 9.502],
  [4, 21, 9.5, 54, 20, 0, 86.73, 19.676, 40.596, 10.878],
  [4, 22, 7, 93, 14, 9, 29.831, 10.145, 29.525, 0.004],
];

/**
 * A 10-minute weather station for one FWI day: readings from just after the previous noon up to
 * this noon. Off-noon readings are deliberately different (warmer, drier, windier) so a test
 * fails if anything but the noon observation is used; the day's rain falls in six parts.
 */
function feedDay(st: FwiStation, [month, day, temp, rh, wind, rain]: (typeof DAYS)[number], skip: Set<string> = new Set()): void {
  const end = noon(month, day);
  let rainParts = 6;
  for (let t = end - 24 * HOUR + TEN_MIN; t <= end; t += TEN_MIN) {
    const atNoon = t === end;
    if (!(atNoon && skip.has('temperature'))) st.observe('temperature', t, atNoon ? temp : temp + 10);
    if (!(atNoon && skip.has('humidity'))) st.observe('humidity', t, atNoon ? rh : Math.max(5, rh - 20));
    st.observe('wind_speed', t, atNoon ? wind : wind + 15);
    if (t % (4 * HOUR) === 0 && rainParts > 0) {
      st.observe('rain', t, rain / 6);
      rainParts--;
    } else st.observe('rain', t, 0);
  }
  expect(rainParts).toBe(0);
}
const afterNoon = (st: FwiStation, month: number, day: number) => st.observe('rain', noon(month, day) + TEN_MIN, 0);

describe('FwiStation: daily noon update from 10-minute readings', () => {
  it('computes each day from the noon observation and the 24-h rain and matches the cffdrs rows to 0.1', () => {
    const st = new FwiStation(51.4);
    for (const row of DAYS) {
      feedDay(st, row);
      // The day is not decided before a reading after noon arrives.
      const before = st.current();
      afterNoon(st, row[0], row[1]);
      const now = st.current()!;
      expect(now).not.toBe(before);
      expect(now.day).toBe(st.dayOf(noon(row[0], row[1])));
      expect(now.missedDays).toBe(0);
      const [, , , , , , eFfmc, eDmc, eDc, eFwi] = row;
      expect(Math.abs(now.indices.ffmc - eFfmc)).toBeLessThan(0.1);
      expect(Math.abs(now.indices.dmc - eDmc)).toBeLessThan(0.1);
      expect(Math.abs(now.indices.dc - eDc)).toBeLessThan(0.1);
      expect(Math.abs(now.indices.fwi - eFwi)).toBeLessThan(0.1);
    }
  });

  it('has no value before the first noon and starts from FFMC 85, DMC 6, DC 15', () => {
    const st = new FwiStation(51.4);
    feedDay(st, DAYS[0]);
    expect(st.current()).toBeNull();
    afterNoon(st, 4, 13);
    const [, , temp, rh, wind, rain24] = DAYS[0];
    expect(st.current()!.indices).toEqual(fwiDay(FWI_STARTUP, { temp, rh, wind, rain24 }, 4, 51.4));
  });

  it('carries the codes over a day without noon observation and applies its rain the next day', () => {
    const st = new FwiStation(51.4);
    feedDay(st, DAYS[0]);
    afterNoon(st, 4, 13);
    const day1 = st.current()!;
    // 14 April: the temperature sensor is silent for the whole hour before noon (rain still reported).
    const [m2, d2, , , , rain2] = DAYS[1];
    const end2 = noon(m2, d2);
    for (let t = end2 - 24 * HOUR + TEN_MIN; t <= end2; t += TEN_MIN) {
      if (t < end2 - HOUR) st.observe('temperature', t, 20);
      st.observe('humidity', t, 21);
      st.observe('wind_speed', t, 25);
      st.observe('rain', t, t === end2 - 2 * HOUR ? rain2 : 0);
    }
    afterNoon(st, m2, d2);
    const carried = st.current()!;
    expect(carried.day).toBe(day1.day);
    expect(carried.indices).toEqual(day1.indices);
    expect(carried.missedDays).toBe(1);

    feedDay(st, DAYS[2]);
    afterNoon(st, 4, 15);
    const [, , temp3, rh3, wind3, rain3] = DAYS[2];
    const expected = fwiDay(day1.indices, { temp: temp3, rh: rh3, wind: wind3, rain24: rain2 + rain3 }, 4, 51.4);
    expect(st.current()!.indices.dmc).toBeCloseTo(expected.dmc, 10);
    expect(st.current()!.indices.ffmc).toBeCloseTo(expected.ffmc, 10);
    expect(st.current()!.missedDays).toBe(0);
  });

  it('uses the latest reading in the hour before noon when the noon reading itself is missing', () => {
    const st = new FwiStation(51.4);
    const end = noon(4, 13);
    st.observe('temperature', end - 90 * 60_000, 40); // too early: not the noon observation
    st.observe('temperature', end - 20 * 60_000, 17);
    st.observe('humidity', end - 50 * 60_000, 42);
    st.observe('wind_speed', end - 10 * 60_000, 25);
    st.observe('temperature', end + TEN_MIN, 30);
    expect(st.current()!.indices).toEqual(fwiDay(FWI_STARTUP, { temp: 17, rh: 42, wind: 25, rain24: 0 }, 4, 51.4));
  });

  it('ignores readings for a day already closed and counts a week-long outage as missed days', () => {
    const st = new FwiStation(51.4);
    feedDay(st, DAYS[0]);
    afterNoon(st, 4, 13);
    const before = st.snapshot();
    st.observe('rain', noon(4, 13) - HOUR, 50);
    expect(st.snapshot()).toEqual(before);
    st.observe('rain', noon(4, 21) + TEN_MIN, 0);
    expect(st.current()!.missedDays).toBe(8);
    expect(st.current()!.day).toBe(st.dayOf(noon(4, 13)));
  });

  it('snapshot/restore: a restored station continues exactly like the original; state does not grow', () => {
    const a = new FwiStation(51.4);
    for (const row of DAYS.slice(0, 5)) {
      feedDay(a, row);
      afterNoon(a, row[0], row[1]);
    }
    const snap = JSON.parse(JSON.stringify(a.snapshot()));
    const sizeAfter5 = JSON.stringify(snap).length;
    const b = new FwiStation(51.4);
    b.restore(snap);
    for (const row of DAYS.slice(5)) {
      for (const st of [a, b]) {
        feedDay(st, row);
        afterNoon(st, row[0], row[1]);
      }
    }
    expect(b.current()).toEqual(a.current());
    expect(b.snapshot()).toEqual(a.snapshot());
    // Ten days of 10-minute readings leave a state of the same size as five days did.
    expect(JSON.stringify(a.snapshot()).length).toBeLessThan(sizeAfter5 + 50);
  });
});
