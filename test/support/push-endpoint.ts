/**
 * A local push service for tests and benchmarks: accepts RFC 8030 push requests, checks the
 * VAPID header is present, and decrypts a sample of messages (RFC 8291, aes128gcm) with the
 * subscriber's private key to prove the payload arrives intact. Paths ending in /gone answer
 * 410 like an expired subscription.
 */
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ece = require('http_ece') as { decrypt(buffer: Buffer, params: Record<string, unknown>): Buffer };

export interface SubscriberKeys {
  ecdh: ECDH;
  p256dh: string;
  auth: string;
}

export function subscriberKeys(): SubscriberKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

export interface PushEndpoint {
  url: string;
  received: number;
  gone: number;
  decrypted: string[];
  decryptFailures: number;
  missingVapid: number;
  close(): Promise<void>;
}

/** keysFor(path) returns the subscriber keys of an endpoint path, for sampled decryption. */
export async function startPushEndpoint(options: { keysFor: (path: string) => SubscriberKeys | undefined; sampleEvery?: number }): Promise<PushEndpoint> {
  const sampleEvery = options.sampleEvery ?? 1;
  const state: PushEndpoint = { url: '', received: 0, gone: 0, decrypted: [], decryptFailures: 0, missingVapid: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      if (path.endsWith('/gone')) {
        state.gone++;
        res.writeHead(410).end();
        return;
      }
      state.received++;
      if (!String(req.headers.authorization ?? '').startsWith('vapid t=')) state.missingVapid++;
      if (state.received % sampleEvery === 0) {
        const keys = options.keysFor(path);
        try {
          if (!keys) throw new Error('unknown subscriber');
          const plain = ece.decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: keys.ecdh, authSecret: keys.auth });
          state.decrypted.push(plain.toString('utf8'));
        } catch {
          state.decryptFailures++;
        }
      }
      res.writeHead(201).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  server.maxRequestsPerSocket = 0;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}
