import * as http from 'node:http';
import * as https from 'node:https';
import { NotifyError, type Notifier, type RecipientAddress } from '../notifier';
import { buildPushRequest, type PushRequest } from './push-request';
import { VapidHeaderCache, type VapidKeys } from './vapid-cache';

export interface WebPushOptions {
  vapid: VapidKeys;
  ttlS?: number;
  timeoutMs?: number;
}

/** Sends one encrypted request to a push service; status codes map to NotifyError kinds (RFC 8030). */
export function sendPushRequest(request: PushRequest, agents: { http: http.Agent; https: https.Agent }, timeoutMs: number): Promise<void> {
  const url = new URL(request.endpoint);
  const lib = url.protocol === 'https:' ? https : http;
  const agent = url.protocol === 'https:' ? agents.https : agents.http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: 'POST', headers: request.headers, agent, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else if (status === 404 || status === 410) reject(new NotifyError(`push service answered ${status}: subscription gone`, false, true));
        else if (status === 429 || status >= 500) reject(new NotifyError(`push service answered ${status}`, true));
        else reject(new NotifyError(`push service refused the message with ${status}`, false));
      });
    });
    req.on('timeout', () => req.destroy(new NotifyError(`push service did not answer within ${timeoutMs} ms`, true)));
    req.on('error', (err) => reject(err instanceof NotifyError ? err : new NotifyError(err.message, true)));
    req.end(request.body);
  });
}

/** Web push (VAPID, aes128gcm) to one subscription. The recipient's address is the endpoint; keys are in extra. */
export class WebPushNotifier implements Notifier<string> {
  readonly channel = 'webpush' as const;
  private readonly vapid: VapidHeaderCache;
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

  constructor(private readonly options: WebPushOptions) {
    this.vapid = new VapidHeaderCache(options.vapid);
  }

  async notify(payload: string, recipient: RecipientAddress): Promise<void> {
    const p256dh = recipient.extra?.p256dh;
    const auth = recipient.extra?.auth;
    if (!p256dh || !auth) throw new NotifyError('push subscription has no keys', false, true);
    let request: PushRequest;
    try {
      request = buildPushRequest({ endpoint: recipient.address, p256dh, auth }, payload, this.vapid, this.options.ttlS ?? 6 * 3600, 'high');
    } catch (err) {
      // Malformed keys can never succeed: the subscription is unusable.
      throw new NotifyError(`cannot encrypt for subscription: ${(err as Error).message}`, false, true);
    }
    await sendPushRequest(request, this.agents, this.options.timeoutMs ?? 10000);
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
