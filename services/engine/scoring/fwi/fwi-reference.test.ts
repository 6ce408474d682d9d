import { bui } from './bui';
import { dc } from './dc';
import { dmc } from './dmc';
import { ffmc } from './ffmc';
import { FWI_STARTUP, fwiDay, type FwiCodes } from './fwi-day';
import { fwi } from './fwi';
import { isi } from './isi';

/**
 * Reference rows from the cffdrs R package (Wang et al. 2017, "cffdrs: an R package for the
 * Canadian Forest Fire Danger Rating System", Ecological Processes 6:5; github.com/cffdrs/cffdrs_r),
 * the reference implementation of Wang, Anderson & Suddaby 2015, "Updated source code for
 * calculating fire danger indices in the Canadian Forest Fire Weather Index System" (NRCan
 * Information Report NOR-X-424). Inputs: the package's `test_fwi` data set (data/test_fwi.csv,
 * one station at 40°N 100°W, 13 April - 30 May 1985). Outputs: its regression file
 * tests/data/fwi_01.csv (`fwi(test_fwi)`: start-up FFMC 85, DMC 6, DC 15, day lengths by
 * latitude, which at 40°N are the standard northern tables that also apply at 51°N), rounded
 * here to 3 decimals.
 *
 * columns: month, day, temp °C, rh %, wind km/h, rain mm | FFMC, DMC, DC, ISI, BUI, FWI
 */
const CFFDRS_TEST_FWI: Array<[number, number, number, number, number, number, number, number, number, number, number, number]> = [
  [4, 13, 17, 42, 25, 0, 87.649, 8.545, 19.014, 10.776, 8.49, 10.036],
  [4, 14, 20, 21, 25, 2.4, 86.201, 10.402, 23.568, 8.771, 10.355, 9.22],
  [4, 15, 8.5, 40, 17, 0, 86.908, 11.798, 26.052, 6.478, 11.739, 7.517],
  [4, 16, 6.5, 25, 6, 0, 88.759, 13.18, 28.176, 4.851, 13.105, 6.095],
  [4, 17, 13, 34, 24, 0, 89.041, 15.436, 31.47, 12.512, 15.337, 14.735],
  [4, 18, 6, 40, 22, 0.4, 88.588, 16.469, 33.504, 10.6, 16.369, 13.355],
  [4, 19, 5.5, 52, 6, 0, 87.279, 17.237, 35.448, 3.923, 17.141, 5.796],
  [4, 20, 8.5, 46, 16, 0, 87.279, 18.494, 37.932, 6.494, 18.396, 9.502],
  [4, 21, 9.5, 54, 20, 0, 86.73, 19.676, 40.596, 7.347, 19.58, 10.878],
  [4, 22, 7, 93, 14, 9, 29.831, 10.145, 29.525, 0.007, 10.914, 0.004],
  [4, 23, 6.5, 71, 17, 1, 49.395, 10.679, 31.649, 0.358, 11.585, 0.234],
  [4, 24, 6, 59, 17, 0, 67.216, 11.385, 33.683, 1.346, 12.341, 0.913],
  [4, 25, 13, 52, 4, 0, 77.729, 13.026, 36.977, 1.126, 13.852, 0.816],
  [4, 26, 15.5, 40, 11, 0, 85.415, 15.44, 40.721, 3.88, 15.853, 5.474],
  [4, 27, 23, 25, 9, 0, 91.461, 19.822, 45.815, 8.306, 19.783, 12.079],
  [4, 28, 19, 46, 16, 0, 89.874, 22.453, 50.189, 9.423, 22.397, 14.196],
  [4, 29, 18, 41, 20, 0, 89.874, 25.185, 54.383, 11.527, 25.109, 17.497],
  [4, 30, 14.5, 51, 16, 0, 88.36, 27.039, 57.947, 7.581, 26.957, 13.167],
  [5, 1, 14.5, 69, 11, 0, 85.644, 28.312, 62.961, 4.006, 28.249, 7.946],
  [5, 2, 15.5, 42, 8, 0, 87.323, 30.846, 68.155, 4.367, 30.779, 9.006],
  [5, 3, 21, 37, 8, 0, 89.328, 34.512, 74.339, 5.822, 34.428, 12.169],
  [5, 4, 23, 32, 16, 0, 90.931, 38.826, 80.883, 10.96, 38.72, 20.881],
  [5, 5, 23, 32, 14, 0, 91.152, 43.141, 87.427, 10.226, 43.013, 20.943],
  [5, 6, 27, 33, 12, 0, 91.606, 48.097, 94.691, 9.862, 47.945, 21.558],
  [5, 7, 28, 17, 27, 0, 95.114, 54.456, 102.135, 34.266, 54.261, 52.311],
  [5, 8, 23.5, 54, 20, 0, 89.65, 57.435, 108.769, 11.162, 57.241, 25.719],
  [5, 9, 16, 50, 22, 12.2, 62.2, 29.921, 91.803, 1.405, 32.974, 3.011],
  [5, 10, 11, 58, 20, 0, 76.437, 31.259, 96.187, 2.29, 34.493, 5.341],
  [5, 11, 16, 54, 16, 0, 83.333, 33.329, 101.471, 3.77, 36.602, 8.786],
  [5, 12, 21.5, 37, 9, 0, 88.601, 37.078, 107.745, 5.515, 39.862, 12.634],
  [5, 13, 14, 61, 22, 0.2, 86.617, 38.628, 112.669, 7.997, 41.6, 17.197],
  [5, 14, 15, 30, 27, 0, 89.576, 41.595, 117.773, 15.715, 44.181, 28.656],
  [5, 15, 20, 23, 11, 0, 92.07, 45.873, 123.777, 10.015, 47.622, 21.721],
  [5, 16, 14, 95, 3, 16.4, 21.317, 20.086, 96.893, 0.0, 26.459, 0.0],
  [5, 17, 20, 53, 4, 2.8, 51.004, 18.235, 102.897, 0.226, 25.273, 0.238],
  [5, 18, 19.5, 30, 16, 0, 82.213, 22.031, 108.811, 3.273, 29.255, 6.758],
  [5, 19, 25.5, 51, 20, 6, 75.32, 16.374, 106.332, 2.135, 23.645, 3.802],
  [5, 20, 10, 38, 24, 0, 84.268, 18.186, 110.536, 6.386, 25.772, 11.209],
  [5, 21, 19, 27, 16, 0, 90.251, 22.049, 116.36, 9.946, 29.923, 17.096],
  [5, 22, 26, 46, 11, 4.2, 77.537, 18.671, 117.651, 1.578, 26.735, 2.917],
  [5, 23, 30, 38, 22, 0, 90.167, 23.747, 125.455, 13.295, 32.239, 21.913],
  [5, 24, 25.5, 67, 19, 12.6, 65.285, 13.139, 108.435, 1.389, 20.169, 1.862],
  [5, 25, 12, 53, 28, 11.8, 55.388, 7.74, 91.579, 1.183, 12.78, 0.818],
  [5, 26, 21, 38, 8, 0, 80.793, 11.348, 97.763, 1.852, 17.591, 2.532],
  [5, 27, 13, 70, 20, 3.8, 61.703, 8.406, 97.799, 1.238, 13.838, 0.897],
  [5, 28, 9, 78, 24, 1.4, 64.433, 8.991, 101.823, 1.726, 14.73, 1.941],
  [5, 29, 11, 54, 16, 0, 77.573, 10.456, 106.207, 2.036, 16.782, 2.766],
  [5, 30, 15.5, 39, 9, 0, 85.368, 13.122, 111.401, 3.486, 20.274, 5.719],
];
const LATITUDE = 40;
const TOLERANCE = 0.1;

const within = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(TOLERANCE);

describe('FWI system against the cffdrs reference rows (test_fwi → fwi_01)', () => {
  it('carries the codes over 48 days and matches every published value to 0.1', () => {
    let codes: FwiCodes = FWI_STARTUP;
    let worst = 0;
    for (const [month, , temp, rh, wind, rain24, eFfmc, eDmc, eDc, eIsi, eBui, eFwi] of CFFDRS_TEST_FWI) {
      const day = fwiDay(codes, { temp, rh, wind, rain24 }, month, LATITUDE);
      const pairs: Array<[number, number]> = [
        [day.ffmc, eFfmc],
        [day.dmc, eDmc],
        [day.dc, eDc],
        [day.isi, eIsi],
        [day.bui, eBui],
        [day.fwi, eFwi],
      ];
      for (const [a, e] of pairs) {
        within(a, e);
        worst = Math.max(worst, Math.abs(a - e));
      }
      codes = day;
    }
    // The equations are the same as the reference's, so the agreement is far better than required.
    expect(worst).toBeLessThan(0.01);
  });

  it('each index function alone reproduces a row from the previous row (no hidden state)', () => {
    // 7 May 1985 (FWI 52.3, the driest day of the record) from the 6 May codes.
    const [, , , , , , f0, p0, d0] = CFFDRS_TEST_FWI[23];
    const [month, , temp, rh, wind, rain24, eFfmc, eDmc, eDc, eIsi, eBui, eFwi] = CFFDRS_TEST_FWI[24];
    const f = ffmc(f0, temp, rh, wind, rain24);
    const p = dmc(p0, temp, rh, rain24, month, LATITUDE);
    const d = dc(d0, temp, rain24, month, LATITUDE);
    within(f, eFfmc);
    within(p, eDmc);
    within(d, eDc);
    within(isi(eFfmc, wind), eIsi);
    within(bui(eDmc, eDc), eBui);
    within(fwi(eIsi, eBui), eFwi);
  });

  it('rain wets the codes only above their thresholds (0.5 mm FFMC, 1.5 mm DMC, 2.8 mm DC)', () => {
    const s = FWI_STARTUP;
    expect(ffmc(s.ffmc, 20, 40, 10, 0.5)).toBeCloseTo(ffmc(s.ffmc, 20, 40, 10, 0), 10);
    expect(ffmc(s.ffmc, 20, 40, 10, 0.6)).toBeLessThan(ffmc(s.ffmc, 20, 40, 10, 0));
    expect(dmc(30, 20, 40, 1.5, 6, 51.4)).toBeCloseTo(dmc(30, 20, 40, 0, 6, 51.4), 10);
    expect(dmc(30, 20, 40, 1.6, 6, 51.4)).toBeLessThan(dmc(30, 20, 40, 0, 6, 51.4));
    expect(dc(300, 20, 2.8, 6, 51.4)).toBeCloseTo(dc(300, 20, 0, 6, 51.4), 10);
    expect(dc(300, 20, 3, 6, 51.4)).toBeLessThan(dc(300, 20, 0, 6, 51.4));
  });

  it('stays in range in extreme weather and refuses latitudes it has no day-length table for', () => {
    expect(ffmc(101, 45, 0, 100, 0)).toBeLessThanOrEqual(101);
    expect(ffmc(0, -30, 100, 0, 200)).toBeGreaterThanOrEqual(0);
    expect(dmc(0, -30, 100, 0, 1, 51.4)).toBe(0);
    expect(dc(0, -30, 0, 1, 51.4)).toBe(0);
    expect(bui(0, 0)).toBe(0);
    expect(fwi(0, 0)).toBe(0);
    expect(() => dmc(6, 20, 40, 0, 6, -33)).toThrow(/30°N/);
    expect(() => dc(15, 20, 0, 6, 10)).toThrow(/30°N/);
  });

  it('uses the German summer day lengths: in June the DMC dries faster than in October at the same weather', () => {
    expect(dmc(20, 20, 40, 0, 6, 51.4) - 20).toBeGreaterThan(1.5 * (dmc(20, 20, 40, 0, 10, 51.4) - 20));
    expect(dc(100, 20, 0, 6, 51.4) - 100).toBeCloseTo(0.5 * (0.36 * 22.8 + 5.8), 10);
  });
});
