import * as webpush from 'web-push';
import { randomBytes } from 'node:crypto';
import { readSecret } from '../core/config/config';
import { ConfigError, readEnum, readInt, readOptional, readString, readUrl, type Env, type EnvVar } from '../core/config/env';
import type { Store } from '../core/store/store';
import type { VapidKeys } from './webpush/vapid-cache';

export const NOTIFY_ENV: EnvVar[] = [
  { name: 'NOTIFY_VAPID_PUBLIC_KEY', description: 'VAPID public key (base64url). Unset: a key pair is generated once and kept in the store.' },
  { name: 'NOTIFY_VAPID_PRIVATE_KEY', description: 'VAPID private key (or NOTIFY_VAPID_PRIVATE_KEY_FILE).', secret: true },
  { name: 'NOTIFY_VAPID_SUBJECT', description: 'VAPID contact (mailto: or https: URL) push services may use to reach the operator.', default: 'mailto:leitstelle@hagen.example' },
  { name: 'NOTIFY_REF_SECRET', description: 'Key of the pseudonymous recipient references (or _FILE). Unset: generated once and kept in the store.', secret: true },
  { name: 'NOTIFY_PUSH_THREADS', description: 'Worker threads encrypting web push messages.', default: 'number of CPUs' },
  { name: 'NOTIFY_CONCURRENCY', description: 'Deliveries in flight at once per alert.', default: '512' },
  { name: 'NOTIFY_SMTP_URL', description: 'SMTP server, smtp://user:pass@host:587 or smtps://...; unset disables e-mail.' },
  { name: 'NOTIFY_MAIL_FROM', description: 'Sender address of warning e-mails.', default: 'warnung@hagen.example' },
  { name: 'NOTIFY_OFFICER_EMAILS', description: 'Comma list of duty-officer addresses that get every released alert (exercises included).' },
  { name: 'NOTIFY_EMAIL_RATE', description: 'E-mails per second (mail servers throttle).', default: '5' },
  { name: 'NOTIFY_SMS_GATEWAY', description: '`none`, `http` or `smpp`.', default: 'none' },
  { name: 'NOTIFY_SMS_HTTP_URL', description: 'HTTP SMS API endpoint.', requiredWhen: 'NOTIFY_SMS_GATEWAY=http' },
  { name: 'NOTIFY_SMS_HTTP_AUTH', description: 'Authorization header value for the HTTP SMS API (or _FILE).', secret: true },
  { name: 'NOTIFY_SMS_HTTP_BODY', description: 'Body template with {{to}}, {{from}}, {{text}}.', default: '{"to":"{{to}}","from":"{{from}}","text":"{{text}}"}' },
  { name: 'NOTIFY_SMPP_URL', description: 'SMSC address, smpp://host:2775 (ssmpp:// for TLS).', requiredWhen: 'NOTIFY_SMS_GATEWAY=smpp' },
  { name: 'NOTIFY_SMPP_SYSTEM_ID', description: 'SMPP system_id.', requiredWhen: 'NOTIFY_SMS_GATEWAY=smpp' },
  { name: 'NOTIFY_SMPP_PASSWORD', description: 'SMPP password (or _FILE).', secret: true },
  { name: 'NOTIFY_SMS_FROM', description: 'Sender id shown on the phone.', default: 'HagenWarn' },
  { name: 'NOTIFY_SMS_RATE', description: 'SMS per second (gateways throttle).', default: '10' },
];

export interface NotifyConfig {
  vapid: VapidKeys;
  refSecret: string;
  pushThreads: number | undefined;
  concurrency: number;
  smtp: { url: URL; from: string } | null;
  officerEmails: string[];
  emailRate: number;
  sms:
    | { kind: 'none' }
    | { kind: 'http'; url: string; authorization: string | null; body: string; from: string }
    | { kind: 'smpp'; url: string; systemId: string; password: string; from: string };
  smsRate: number;
}

/** Generated-once secrets live in the store so every notify replica and every restart use the same ones. */
async function storedOrGenerated(store: Store, key: string, make: () => string): Promise<string> {
  const existing = await store.get(key);
  if (existing) return existing;
  await store.setIfAbsent(key, make());
  return (await store.get(key))!;
}

export async function loadNotifyConfig(env: Env, store: Store): Promise<NotifyConfig> {
  let publicKey = readOptional(env, 'NOTIFY_VAPID_PUBLIC_KEY');
  let privateKey = readSecret(env, 'NOTIFY_VAPID_PRIVATE_KEY');
  if ((publicKey === null) !== (privateKey === null)) throw new ConfigError('NOTIFY_VAPID_PUBLIC_KEY and NOTIFY_VAPID_PRIVATE_KEY must be set together; expected both or neither.');
  if (!publicKey || !privateKey) {
    const pair = JSON.parse(await storedOrGenerated(store, 'notify:vapid-keys', () => JSON.stringify(webpush.generateVAPIDKeys()))) as { publicKey: string; privateKey: string };
    publicKey = pair.publicKey;
    privateKey = pair.privateKey;
  }
  const subject = readString(env, 'NOTIFY_VAPID_SUBJECT', 'mailto:leitstelle@hagen.example');
  if (!/^(mailto:|https:)/.test(subject)) throw new ConfigError(`NOTIFY_VAPID_SUBJECT is "${subject}"; expected a mailto: or https: URL.`);
  const refSecret = readSecret(env, 'NOTIFY_REF_SECRET') ?? (await storedOrGenerated(store, 'notify:ref-secret', () => randomBytes(32).toString('base64url')));
  const smtpUrl = readUrl(env, 'NOTIFY_SMTP_URL', ['smtp:', 'smtps:'], null);
  const smsKind = readEnum(env, 'NOTIFY_SMS_GATEWAY', ['none', 'http', 'smpp'] as const, 'none');
  const from = readString(env, 'NOTIFY_SMS_FROM', 'HagenWarn');
  let sms: NotifyConfig['sms'] = { kind: 'none' };
  if (smsKind === 'http') {
    const url = readUrl(env, 'NOTIFY_SMS_HTTP_URL', ['http:', 'https:'], null);
    if (!url) throw new ConfigError('NOTIFY_SMS_HTTP_URL is not set but is required when NOTIFY_SMS_GATEWAY=http; expected the SMS API URL.');
    sms = { kind: 'http', url, authorization: readSecret(env, 'NOTIFY_SMS_HTTP_AUTH'), body: readString(env, 'NOTIFY_SMS_HTTP_BODY', '{"to":"{{to}}","from":"{{from}}","text":"{{text}}"}'), from };
  } else if (smsKind === 'smpp') {
    const url = readUrl(env, 'NOTIFY_SMPP_URL', ['smpp:', 'ssmpp:'], null);
    const systemId = readOptional(env, 'NOTIFY_SMPP_SYSTEM_ID');
    if (!url || !systemId) throw new ConfigError('NOTIFY_SMPP_URL and NOTIFY_SMPP_SYSTEM_ID are required when NOTIFY_SMS_GATEWAY=smpp; expected smpp://host:port and the system_id.');
    sms = { kind: 'smpp', url, systemId, password: readSecret(env, 'NOTIFY_SMPP_PASSWORD') ?? '', from };
  }
  const threads = readOptional(env, 'NOTIFY_PUSH_THREADS');
  return {
    vapid: { subject, publicKey, privateKey },
    refSecret,
    pushThreads: threads ? readInt(env, 'NOTIFY_PUSH_THREADS', 2, { min: 1, max: 64 }) : undefined,
    concurrency: readInt(env, 'NOTIFY_CONCURRENCY', 512, { min: 1, max: 10000 }),
    smtp: smtpUrl ? { url: new URL(smtpUrl), from: readString(env, 'NOTIFY_MAIL_FROM', 'warnung@hagen.example') } : null,
    officerEmails: (readOptional(env, 'NOTIFY_OFFICER_EMAILS') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    emailRate: readInt(env, 'NOTIFY_EMAIL_RATE', 5, { min: 1, max: 10000 }),
    sms,
    smsRate: readInt(env, 'NOTIFY_SMS_RATE', 10, { min: 1, max: 10000 }),
  };
}
