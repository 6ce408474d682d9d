import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import type { HazardScorer } from '../core/scorer';

/**
 * The hazard scorers the live engine and the backtester run (flood, wildfire), fresh each call:
 * scorers keep per-area state, and two engines must not share it.
 * TODO(lead): return [new FloodScorer(...), new WildfireScorer(...)] once services/engine/scoring/
 * exists; until then areas get no assessments and `score` conditions never hold.
 */
export function defaultScorers(_catalogue: CatalogueIndex): () => HazardScorer[] {
  return () => [];
}
