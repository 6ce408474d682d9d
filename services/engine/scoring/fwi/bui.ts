/** Buildup Index (Van Wagner 1987, equations 27a/27b): fuel available for combustion, from DMC and DC. */
export function bui(dmc: number, dc: number): number {
  if (dmc <= 0 && dc <= 0) return 0;
  const harmonic = (0.8 * dmc * dc) / (dmc + 0.4 * dc);
  if (dmc <= 0.4 * dc) return harmonic;
  // Where the DMC dominates, the harmonic form would fall below the DMC; 27b keeps it close to it.
  const u = dmc - (1 - (0.8 * dc) / (dmc + 0.4 * dc)) * (0.92 + (0.0114 * dmc) ** 1.7);
  return Math.max(0, u);
}
