/**
 * Scores and levels share one scale in every scorer: level L (0..4) covers scores
 * [0.2·L, 0.2·(L+1)), so a score says how far into its level a hazard is and sorts areas
 * across levels. A measure is mapped by the lower bounds of levels 1..4 and the value at which
 * the score reaches 1; in between, linearly.
 */
export interface Bands {
  /** Lower bounds of levels 1, 2, 3, 4, ascending. */
  bounds: readonly [number, number, number, number];
  /** Value at which the score reaches 1 (above bounds[3]). */
  top: number;
  /** Value that scores 0 (below bounds[0]; default 0). */
  floor?: number;
}

export interface Banded {
  score: number;
  level: number;
}

export function band(value: number, b: Bands): Banded {
  const lows = [b.floor ?? 0, ...b.bounds];
  const highs = [...b.bounds, b.top];
  let level = 0;
  while (level < 4 && value >= b.bounds[level]) level++;
  const lo = lows[level];
  const hi = highs[level];
  const within = hi > lo ? Math.min(1, Math.max(0, (value - lo) / (hi - lo))) : 1;
  // Below the top of level 4 a score never reaches the next band's lower edge.
  const score = level === 4 ? 0.8 + 0.2 * within : 0.2 * level + Math.min(0.2 * within, 0.1999999);
  return { score, level };
}

/** Level of a score on the shared scale. */
export function levelOfScore(score: number): number {
  return Math.max(0, Math.min(4, Math.floor(score * 5 + 1e-9)));
}
