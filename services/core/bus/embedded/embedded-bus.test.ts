import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BusMessage } from '../bus';
import { busContract } from '../bus.contract';
import { eventually } from '../../../../test/infra/integration';
import { EmbeddedBus } from './embedded-bus';
import { decodeSegment, encodeRecord, type StoredRecord } from './record-format';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fruehwarn-bus-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

busContract('embedded', async () => new EmbeddedBus({ dataDir: path.join(root, 'contract') }), { quietMs: 150 });

const value = (s: string) => Buffer.from(s);

describe('EmbeddedBus specifics', () => {
  it('encodes records losslessly, null keys and UTF-8 headers included', () => {
    const recs: StoredRecord[] = [
      { key: null, value: value('a'), timestamp: 1700000000123, headers: {} },
      { key: 'Pegel Hagen-Eckesey', value: Buffer.alloc(0), timestamp: 1, headers: { 'ce-type': 'Überflutung', x: '' } },
    ];
    const decoded = decodeSegment(Buffer.concat(recs.map(encodeRecord)));
    expect(decoded.records).toEqual(recs);
  });

  it('recovers from a torn last record and keeps appending at the right offset', async () => {
    const dataDir = path.join(root, 'torn');
    let bus = new EmbeddedBus({ dataDir });
    await bus.createTopics([{ name: 't', partitions: 1 }]);
    await bus.publish('t', [{ key: 'a', value: value('one') }, { key: 'a', value: value('two') }]);
    await bus.close();
    const file = path.join(dataDir, 'bus', 'topics', 't', '0.log');
    const whole = encodeRecord({ key: 'a', value: value('three'), timestamp: 5, headers: {} });
    fs.appendFileSync(file, whole.subarray(0, whole.length - 3)); // crash mid-write
    bus = new EmbeddedBus({ dataDir });
    expect((await bus.endOffsets('t'))[0].offset).toBe(2);
    const [pos] = await bus.publish('t', [{ key: 'a', value: value('four') }]);
    expect(pos.offset).toBe(2);
    await bus.close();
    bus = new EmbeddedBus({ dataDir });
    expect((await bus.read('t', 0, 0, 10)).map((m) => m.value.toString())).toEqual(['one', 'two', 'four']);
    await bus.close();
  });

  it('rejects unknown topics, bad names and use after close', async () => {
    const bus = new EmbeddedBus();
    await expect(bus.publish('nope', [{ key: null, value: value('x') }])).rejects.toThrow(/does not exist/);
    await expect(bus.subscribe({ groupId: 'g', topics: ['nope'], handler: async () => undefined })).rejects.toThrow(/does not exist/);
    await expect(bus.createTopics([{ name: 'bad/name', partitions: 1 }])).rejects.toThrow(/invalid/);
    await expect(bus.createTopics([{ name: 'zero', partitions: 0 }])).rejects.toThrow(/partitions/);
    expect(bus.isConnected()).toBe(true);
    await bus.close();
    expect(bus.isConnected()).toBe(false);
    await expect(bus.createTopics([{ name: 'late', partitions: 1 }])).rejects.toThrow(/closed/);
  });

  it('delivers asynchronously, never inside publish', async () => {
    const bus = new EmbeddedBus();
    await bus.createTopics([{ name: 't', partitions: 1 }]);
    let inPublish = false;
    let calledDuringPublish = false;
    let handled = 0;
    await bus.subscribe({ groupId: 'g', topics: ['t'], handler: async (b) => void ((calledDuringPublish ||= inPublish), (handled += b.messages.length)) });
    inPublish = true;
    const p = bus.publish('t', [{ key: null, value: value('x') }]);
    inPublish = false;
    await p;
    await eventually(() => handled === 1);
    expect(calledDuringPublish).toBe(false);
    await bus.close();
  });

  it('lets an in-flight batch finish and commit before its partition moves to a new member', async () => {
    const bus = new EmbeddedBus();
    await bus.createTopics([{ name: 't', partitions: 2 }]);
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = false;
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (b) => {
        if (!started) {
          started = true;
          await gate;
        }
        seen.push(...b.messages.map((m) => m.value.toString()));
      },
    });
    await bus.publish('t', Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: value(`v${i}`) })));
    await eventually(() => started);
    let joined = false;
    const joining = bus.subscribe({ groupId: 'g', topics: ['t'], handler: async (b) => void seen.push(...b.messages.map((m) => m.value.toString())) });
    void joining.then(() => (joined = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(joined).toBe(false); // the rebalance waits for the in-flight batch
    release();
    const second = await joining;
    expect(second.assignment()).toHaveLength(1);
    await eventually(() => seen.length >= 20);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`).sort());
    await bus.close();
  });

  it('stops promptly while a handler keeps failing', async () => {
    const bus = new EmbeddedBus();
    await bus.createTopics([{ name: 't', partitions: 1 }]);
    let attempts = 0;
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async () => {
        attempts++;
        throw new Error('always');
      },
    });
    await bus.publish('t', [{ key: null, value: value('x') }]);
    await eventually(() => attempts >= 2);
    const t = Date.now();
    await sub.stop();
    expect(Date.now() - t).toBeLessThan(200);
    expect(await bus.committedOffsets('g', 't')).toEqual([]);
    await bus.close();
  });

  it('publishes and consumes well over 200k records per second in process', async () => {
    const bus = new EmbeddedBus();
    await bus.createTopics([{ name: 'fast', partitions: 6 }]);
    const total = 300_000;
    let consumed = 0;
    let lastOffsetOk = true;
    const lastByPartition = new Map<number, number>();
    await bus.subscribe({
      groupId: 'g',
      topics: ['fast'],
      fromBeginning: true,
      handler: async (b) => {
        consumed += b.messages.length;
        const m: BusMessage = b.messages[0];
        if ((lastByPartition.get(b.partition) ?? -1) + 1 !== m.offset) lastOffsetOk = false;
        lastByPartition.set(b.partition, b.messages[b.messages.length - 1].offset);
      },
    });
    const payload = Buffer.alloc(100, 1);
    const started = process.hrtime.bigint();
    for (let i = 0; i < total; i += 1000) {
      await bus.publish('fast', Array.from({ length: 1000 }, (_, n) => ({ key: `station-${(i + n) % 500}`, value: payload })));
    }
    await eventually(() => consumed >= total, 10000, 1);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rate = total / seconds;
    expect(lastOffsetOk).toBe(true);
    // the target is > 200k/s; assert a margin below it so a loaded CI machine does not flake
    expect(rate).toBeGreaterThan(100_000);
    await bus.close();
  });
});
