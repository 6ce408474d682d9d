import { Mulberry32 } from '../../core/random/mulberry32';

/** The fuzzer's random choices on mulberry32: the same seed always gives the same inputs. */
export class SeededRandom extends Mulberry32 {
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
}
