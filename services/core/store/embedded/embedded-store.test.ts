import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
    let now = 1000;
    const file = path.join(dir, 'expiry.json');
    const a = new EmbeddedStore({ snapshotFile: file, now: () => now });
    await a.set('short', 'x', { ttlMs: 100 });
    await a.set('long', 'y', { ttlMs: 10_000 });
    await a.close();
    now = 2000;
    const b = new EmbeddedStore({ snapshotFile: file, now: () => now });
    expect(await b.get('short')).toBeNull();
    expect(await b.get('long')).toBe('y');
    await b.close();
  });
});
