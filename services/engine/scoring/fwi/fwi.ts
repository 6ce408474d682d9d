/** Fire Weather Index (Van Wagner 1987, equations 28-30): fire intensity from ISI and BUI. */
export function fwi(isi: number, bui: number): number {
  const duffFactor = bui <= 80 ? 0.626 * bui ** 0.809 + 2 : 1000 / (25 + 108.64 * Math.exp(-0.023 * bui));
  const b = 0.1 * isi * duffFactor;
  return b > 1 ? Math.exp(2.72 * (0.434 * Math.log(b)) ** 0.647) : b;
}

/** Daily Severity Rating (Van Wagner 1987, equation 31): FWI weighted for seasonal sums. */
export function dsr(fwi: number): number {
  return 0.0272 * fwi ** 1.77;
}
