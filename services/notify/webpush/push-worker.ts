/**
 * Worker thread body for web push fan-out: encryption (ECDH + HKDF + AES-GCM per message) is
 * the cost of a fan-out, so it runs on every core. The main thread sends batches of jobs and
 * gets back one result per job; HTTP sending happens here too, so the ciphertext never
 * crosses threads.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { parentPort, workerData } from 'node:worker_threads';
import { NotifyError } from '../notifier';
import { buildPushRequest } from './push-request';
import { VapidHeaderCache, type VapidKeys } from './vapid-cache';
import { sendPushRequest } from './webpush-notifier';

export interface PushWorkerJob {
  seq: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  payload: string;
}

export interface PushWorkerResult {
  seq: number;
  ok: boolean;
  retryable: boolean;
  gone: boolean;
  error: string | null;
}

export interface PushWorkerData {
  vapid: VapidKeys;
  ttlS: number;
  timeoutMs: number;
  maxSockets: number;
}

if (parentPort) {
  const port = parentPort;
  const data = workerData as PushWorkerData;
  const vapid = new VapidHeaderCache(data.vapid);
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets: data.maxSockets }), https: new https.Agent({ keepAlive: true, maxSockets: data.maxSockets }) };

  const runOne = async (job: PushWorkerJob): Promise<PushWorkerResult> => {
    try {
      const request = buildPushRequest({ endpoint: job.endpoint, p256dh: job.p256dh, auth: job.auth }, job.payload, vapid, data.ttlS, 'high');
      await sendPushRequest(request, agents, data.timeoutMs);
      return { seq: job.seq, ok: true, retryable: false, gone: false, error: null };
    } catch (err) {
      const e = err instanceof NotifyError ? err : new NotifyError((err as Error).message, false, true);
      return { seq: job.seq, ok: false, retryable: e.retryable, gone: e.recipientGone, error: e.message };
    }
  };

  port.on('message', (jobs: PushWorkerJob[]) => {
    void Promise.all(jobs.map(runOne)).then((results) => port.postMessage(results));
  });
}
