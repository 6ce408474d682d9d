import { bui } from './bui';
import { dc } from './dc';
import { dmc } from './dmc';
import { ffmc } from './ffmc';
import { dsr, fwi } from './fwi';
import { isi } from './isi';

/** The three moisture codes the system carries from day to day. */
export interface FwiCodes {
  ffmc: number;
  dmc: number;
  dc: number;
}

/** All six FWI system values of one day (plus the daily severity rating). */
export interface FwiIndices extends FwiCodes {
  isi: number;
  bui: number;
  fwi: number;
  dsr: number;
}

/** Noon (local standard time) observation: temperature °C, relative humidity %, 10-m wind km/h, rain of the past 24 h in mm. */
export interface NoonWeather {
  temp: number;
  rh: number;
  wind: number;
  rain24: number;
}

/** Standard start-up values (Van Wagner 1987; cffdrs defaults) for the first day of a record. */
export const FWI_STARTUP: FwiCodes = { ffmc: 85, dmc: 6, dc: 15 };

/** One day of the FWI system: yesterday's codes and today's noon weather to today's values. month 1..12. */
export function fwiDay(yesterday: FwiCodes, wx: NoonWeather, month: number, latitude: number): FwiIndices {
  const f = ffmc(yesterday.ffmc, wx.temp, wx.rh, wx.wind, wx.rain24);
  const p = dmc(yesterday.dmc, wx.temp, wx.rh, wx.rain24, month, latitude);
  const d = dc(yesterday.dc, wx.temp, wx.rain24, month, latitude);
  const r = isi(f, wx.wind);
  const u = bui(p, d);
  const s = fwi(r, u);
  return { ffmc: f, dmc: p, dc: d, isi: r, bui: u, fwi: s, dsr: dsr(s) };
}
