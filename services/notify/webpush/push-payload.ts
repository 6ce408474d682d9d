import type { Alert } from '../../core/model/alert';

/** What the service worker shows. Kept small: push services accept at most 4096 bytes of encrypted payload. */
export interface PushPayload {
  v: 1;
  id: string;
  incidentId: string;
  msgType: string;
  status: string;
  level: number;
  hazard: string;
  title: string;
  body: string;
  area: string;
  url: string;
  sent: number;
}

/** aes128gcm adds 86 bytes of header, padding delimiter and tag to one record; stay well below 4096. */
export const MAX_PUSH_PLAINTEXT_BYTES = 3000;

function truncate(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = text;
  while (Buffer.byteLength(out + '…') > maxBytes) out = Array.from(out).slice(0, -1).join('');
  return out + '…';
}

export function pushPayloadFor(alert: Alert, language: 'de' | 'en', publicUrl: string): string {
  const info = alert.info.find((i) => i.language.toLowerCase().startsWith(language)) ?? alert.info[0];
  const payload: PushPayload = {
    v: 1,
    id: alert.identifier,
    incidentId: alert.incidentId,
    msgType: alert.msgType,
    status: alert.status,
    level: alert.level,
    hazard: alert.hazard,
    title: truncate((alert.status !== 'Actual' ? (language === 'de' ? '[ÜBUNG] ' : '[EXERCISE] ') : '') + (info?.headline ?? ''), 200),
    body: '',
    area: truncate(alert.area.map((a) => a.areaDesc).join(', '), 300),
    url: `${publicUrl}/api31/warnings/${encodeURIComponent(alert.identifier)}.json`,
    sent: alert.sent,
  };
  const room = MAX_PUSH_PLAINTEXT_BYTES - Buffer.byteLength(JSON.stringify(payload));
  payload.body = truncate([info?.description, info?.instruction].filter(Boolean).join('\n\n'), Math.max(0, room - 16));
  return JSON.stringify(payload);
}
