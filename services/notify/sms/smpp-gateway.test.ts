// A real SMPP server from the same package, on a free port: the gateway binds, submits, and
// long texts arrive as correctly headed parts that reassemble to the original.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const smpp = require('smpp');
import type { AddressInfo } from 'node:net';
import { SmppGateway } from './smpp-gateway';

interface Received {
  to: string;
  dataCoding: number;
  udh: Buffer | null;
  message: string;
}

function startSmsc(options: { refuse?: number } = {}): Promise<{ port: number; received: Received[]; binds: string[]; close: () => void }> {
  const received: Received[] = [];
  const binds: string[] = [];
  const server = smpp.createServer((session: any) => {
    session.on('bind_transceiver', (pdu: any) => {
      binds.push(pdu.system_id);
      session.send(pdu.response({ command_status: pdu.password === 'secret' ? 0 : 0x0e }));
    });
    session.on('submit_sm', (pdu: any) => {
      const sm = pdu.short_message;
      received.push({ to: pdu.destination_addr, dataCoding: pdu.data_coding, udh: sm.udh ? Buffer.concat(sm.udh) : null, message: sm.message });
      session.send(pdu.response({ command_status: options.refuse ?? 0, message_id: String(received.length) }));
    });
    session.on('unbind', (pdu: any) => session.send(pdu.response()));
    session.on('enquire_link', (pdu: any) => session.send(pdu.response()));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ port, received, binds, close: () => server.close() });
    });
  });
}

describe('SmppGateway against an SMPP server', () => {
  it('sends a short German text as one GSM-7 submit_sm', async () => {
    const smsc = await startSmsc();
    const gw = new SmppGateway({ url: `smpp://127.0.0.1:${smsc.port}`, systemId: 'fruehwarn', password: 'secret', sourceAddr: 'Hagen' });
    try {
      await gw.send('+4923311234567', 'Hochwasser an der Volme: Pegel über Stufe 2.');
      expect(smsc.binds).toEqual(['fruehwarn']);
      expect(smsc.received).toHaveLength(1);
      expect(smsc.received[0]).toMatchObject({ to: '4923311234567', dataCoding: 0, udh: null, message: 'Hochwasser an der Volme: Pegel über Stufe 2.' });
    } finally {
      await gw.close();
      smsc.close();
    }
  });

  it('splits a long UCS-2 text into concatenated parts that reassemble', async () => {
    const smsc = await startSmsc();
    const gw = new SmppGateway({ url: `smpp://127.0.0.1:${smsc.port}`, systemId: 'fruehwarn', password: 'secret', sourceAddr: 'Hagen' });
    const text = '🌊 Unwetterwarnung – ' + 'Bitte meiden Sie Keller und Uferbereiche. '.repeat(5);
    try {
      await gw.send('+4923311234567', text);
      const parts = smsc.received;
      expect(parts.length).toBeGreaterThan(1);
      for (const [i, p] of parts.entries()) {
        expect(p.dataCoding).toBe(8);
        expect(p.udh).not.toBeNull();
        // Information element 0x00 (concatenation, 8-bit reference): [IEI, length 3, ref, total, sequence].
        expect([...p.udh!.subarray(0, 2)]).toEqual([0x00, 0x03]);
        expect(p.udh![3]).toBe(parts.length);
        expect(p.udh![4]).toBe(i + 1);
      }
      expect(new Set(parts.map((p) => p.udh![2])).size).toBe(1);
      expect(parts.map((p) => p.message).join('')).toBe(text);
    } finally {
      await gw.close();
      smsc.close();
    }
  });

  it('reports a throttled SMSC as retryable and a refused bind as permanent', async () => {
    const throttled = await startSmsc({ refuse: 0x58 });
    const gw = new SmppGateway({ url: `smpp://127.0.0.1:${throttled.port}`, systemId: 'fruehwarn', password: 'secret', sourceAddr: 'Hagen' });
    await expect(gw.send('+4923311234567', 'x')).rejects.toMatchObject({ retryable: true });
    await gw.close();
    throttled.close();

    const smsc = await startSmsc();
    const wrong = new SmppGateway({ url: `smpp://127.0.0.1:${smsc.port}`, systemId: 'fruehwarn', password: 'wrong', sourceAddr: 'Hagen' });
    await expect(wrong.send('+4923311234567', 'x')).rejects.toMatchObject({ retryable: false });
    await wrong.close();
    smsc.close();
  });
});
