import type { Store } from '../../core/store/store';
import type { EngineSnapshot } from '../core/rule-engine';

export interface LastValue {
  value: number;
  observedAt: number;
  quality: 'good' | 'suspect' | 'bad';
}

/**
 * Everything the engine worker needs to resume: the engine snapshot and, in the same record,
 * the next offset of every readings partition the snapshot has consumed. One record, written
 * with one SET, so the state and its offsets can never disagree.
 */
export interface EngineCheckpoint {
  version: 1;
  topic: string;
  /** Partition → next offset to read. */
  offsets: Record<string, number>;
  engine: EngineSnapshot;
  /** Newest reading event time and the wall time it was seen (for the wall-clock advance). */
  eventClock: { eventTime: number; wallTime: number } | null;
  /** `${stationId}/${quantity}` → last reading, for the console's state view. */
  lastValues: Array<[string, LastValue]>;
  savedAt: number;
}

export const CHECKPOINT_KEY = 'engine:checkpoint';

export async function loadCheckpoint(store: Store, key = CHECKPOINT_KEY): Promise<EngineCheckpoint | null> {
  const text = await store.get(key);
  if (!text) return null;
  const cp = JSON.parse(text) as EngineCheckpoint;
  if (cp.version !== 1) throw new Error(`engine checkpoint ${key} has version ${String(cp.version)}; this build reads version 1`);
  return cp;
}

/** Takes the checkpoint serialised: the worker keeps the text anyway (one JSON.stringify of a large state, not two). */
export async function saveCheckpointText(store: Store, text: string, key = CHECKPOINT_KEY): Promise<void> {
  await store.set(key, text);
}
