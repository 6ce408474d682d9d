/**
 * The benchmark's push service, run as a separate process (as a real push service is remote):
 * accepts every request and decrypt-checks every 1000th with the subscriber's private key.
 * Talks to the parent over IPC: {keys} in, {url} and final counts out.
 */
import { createECDH } from 'node:crypto';
import { startPushEndpoint, type SubscriberKeys } from '../test/support/push-endpoint';

interface KeyMessage {
  keys: { privateKey: string; p256dh: string; auth: string }[];
}

process.once('message', (msg: KeyMessage) => {
  const pool: SubscriberKeys[] = msg.keys.map((k) => {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(k.privateKey, 'base64url'));
    return { ecdh, p256dh: k.p256dh, auth: k.auth };
  });
  void startPushEndpoint({ keysFor: (p) => pool[Number(p.split('/')[2]) % pool.length], sampleEvery: 1000 }).then((endpoint) => {
    process.send!({ url: endpoint.url });
    process.on('message', (m: { report?: boolean }) => {
      if (m.report) process.send!({ received: endpoint.received, decrypted: endpoint.decrypted.length, decryptFailures: endpoint.decryptFailures, missingVapid: endpoint.missingVapid });
    });
  });
});
