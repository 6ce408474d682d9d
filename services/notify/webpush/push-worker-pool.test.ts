import * as webpush from 'web-push';
import { startPushEndpoint, subscriberKeys, type SubscriberKeys } from '../../../test/support/push-endpoint';
import { PushWorkerPool } from './push-worker-pool';

describe('PushWorkerPool', () => {
  it('encrypts in worker threads and the push service can decrypt every message', async () => {
    const keys = new Map<string, SubscriberKeys>();
    const endpoint = await startPushEndpoint({ keysFor: (p) => keys.get(p) });
    const vapid = { subject: 'mailto:test@hagen.example', ...webpush.generateVAPIDKeys() };
    const pool = new PushWorkerPool({ vapid, threads: 2, batchSize: 10 });
    try {
      const sends: Promise<void>[] = [];
      for (let i = 0; i < 40; i++) {
        const k = subscriberKeys();
        keys.set(`/sub/${i}`, k);
        sends.push(pool.notify(JSON.stringify({ n: i, title: 'Hochwasser Hagen-Mitte' }), { ref: `webpush:${i}`, channel: 'webpush', address: `${endpoint.url}/sub/${i}`, language: 'de', extra: { p256dh: k.p256dh, auth: k.auth } }));
      }
      await Promise.all(sends);
      expect(endpoint.received).toBe(40);
      expect(endpoint.decryptFailures).toBe(0);
      expect(endpoint.missingVapid).toBe(0);
      expect(endpoint.decrypted.map((d) => (JSON.parse(d) as { n: number }).n).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    } finally {
      await pool.close();
      await endpoint.close();
    }
  });

  it('reports a 410 as a gone recipient, not retryable', async () => {
    const endpoint = await startPushEndpoint({ keysFor: () => undefined });
    const pool = new PushWorkerPool({ vapid: { subject: 'mailto:test@hagen.example', ...webpush.generateVAPIDKeys() }, threads: 1 });
    const k = subscriberKeys();
    try {
      await expect(pool.notify('{}', { ref: 'webpush:x', channel: 'webpush', address: `${endpoint.url}/x/gone`, language: 'de', extra: { p256dh: k.p256dh, auth: k.auth } })).rejects.toMatchObject({ retryable: false, recipientGone: true });
    } finally {
      await pool.close();
      await endpoint.close();
    }
  });
});
