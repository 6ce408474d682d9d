/**
 * mulberry32: a tiny, fast, seeded pseudo-random generator, identical on every platform, so
 * scenarios, fuzz inputs, test streams and benchmarks are reproducible from a seed alone.
 * Not for anything security-related.
 */
export class Mulberry32 {
  protected state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** The generator as a plain function, for code that only needs numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  const r = new Mulberry32(seed);
  return () => r.next();
}
