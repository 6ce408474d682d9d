import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import type { HazardScorer } from '../core/scorer';
import { FloodScorer } from '../scoring/flood-scorer';
import { WildfireScorer } from '../scoring/wildfire-scorer';

/**
 * The hazard scorers the live engine and the backtester run (flood, wildfire), fresh each call:
 * scorers keep per-area state, and two engines must not share it. The order is part of the
 * checkpoint (the engine snapshots scorers by position): append, never reorder.
 */
export function defaultScorers(catalogue: CatalogueIndex): () => HazardScorer[] {
  return () => [new FloodScorer(catalogue), new WildfireScorer(catalogue)];
}
