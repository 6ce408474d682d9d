import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '../../observability/clock';
import { storeContract } from '../store.contract';
import { EmbeddedStore } from './embedded-store';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-store-'));
let n = 0;

storeContract(
  'embedded',
  async () => new EmbeddedStore({ snapshotFile: path.join(dir, `store-${++n}.json`) }),
  {
    reopen: async (previous) => {
      const file = path.join(dir, `store-${n}.json`);
      await previous.close();
      return new EmbeddedStore({ snapshotFile: file });
    },
  },
);

describe('EmbeddedStore snapshots', () => {
  it('does not bring back expired keys from a snapshot', async () => {
    const clock = new ManualClock(1000);
    const file = path.join(dir, 'expiry.json');
    const a = new EmbeddedStore({ snapshotFile: file, clock });
    await a.set('short', 'x', { ttlMs: 100 });
    await a.set('long', 'y', { ttlMs: 10_000 });
    await a.close();
    clock.set(2000);
    const b = new EmbeddedStore({ snapshotFile: file, clock });
    expect(b.size).toBe(1);
    expect(await b.get('short')).toBeNull();
    expect(await b.get('long')).toBe('y');
    expect(await b.ttlMs('long')).toBe(9000);
    await b.close();
  });

  it('writes the snapshot periodically, not only on close', async () => {
    const file = path.join(dir, 'periodic.json');
    const a = new EmbeddedStore({ snapshotFile: file, snapshotIntervalMs: 20 });
    await a.hset('h', { f: 'v' });
    await new Promise((r) => setTimeout(r, 80));
    // Read by a second store while the first is still open (as after a crash).
    const b = new EmbeddedStore({ snapshotFile: file });
    expect(await b.hgetall('h')).toEqual({ f: 'v' });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await a.close();
    await b.close();
  });

  it('refuses a damaged snapshot with a clear error', () => {
    const file = path.join(dir, 'damaged.json');
    fs.writeFileSync(file, '{"version":1,"entr');
    expect(() => new EmbeddedStore({ snapshotFile: file })).toThrow(/damaged\.json cannot be read/);
  });
});

describe('EmbeddedStore expiry', () => {
  it('sweeps expired keys nobody reads again', async () => {
    const clock = new ManualClock(0);
    const store = new EmbeddedStore({ clock, sweepIntervalMs: 10 });
    await store.set('a', '1', { ttlMs: 50 });
    await store.zadd('z', [{ member: 'm', score: 1 }]);
    await store.set('b', '2', { ttlMs: 500 });
    expect(store.size).toBe(3);
    clock.set(100);
    await new Promise((r) => setTimeout(r, 40));
    expect(store.size).toBe(2);
    expect(await store.get('b')).toBe('2');
    clock.set(500);
    expect(await store.get('b')).toBeNull(); // lazily, before any sweep
    await store.close();
  });
});
