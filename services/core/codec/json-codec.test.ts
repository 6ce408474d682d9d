import { JsonCodec } from './json-codec';

describe('JsonCodec', () => {
  it('round-trips records with buffers', async () => {
    const codec = new JsonCodec();
    const value = { id: 'x', payload: Buffer.from([0xff, 0x00, 0x41]), nested: { n: 1.5 } };
    const back = await codec.decode<typeof value>('RejectedInput', await codec.encode('RejectedInput', value));
    expect(back.payload.equals(value.payload)).toBe(true);
    expect(back.nested.n).toBe(1.5);
  });
});
