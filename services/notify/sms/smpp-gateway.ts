// eslint-disable-next-line @typescript-eslint/no-require-imports
const smpp = require('smpp') as SmppModule;
import { NotifyError } from '../notifier';
import { splitSms } from './gsm7';
import type { SmsGateway } from './sms-gateway';

interface SmppPdu {
  command_status: number;
  [field: string]: unknown;
}
interface SmppSession {
  on(event: string, listener: (...args: unknown[]) => void): void;
  bind_transceiver(fields: Record<string, unknown>, cb: (pdu: SmppPdu) => void): void;
  submit_sm(fields: Record<string, unknown>, cb: (pdu: SmppPdu) => void): void;
  unbind(cb?: () => void): void;
  close(): void;
}
interface SmppModule {
  connect(options: Record<string, unknown>, listener?: () => void): SmppSession;
}

export interface SmppGatewayOptions {
  url: string;
  systemId: string;
  password: string;
  sourceAddr: string;
  timeoutMs?: number;
}

// SMPP 3.4 command_status values that a retry may fix: throttled, queue full, system error.
const RETRYABLE_STATUS = new Set([0x58, 0x14, 0x08]);

/**
 * SMPP 3.4 transceiver. Long texts go as concatenated parts with an 8-bit-reference user data
 * header (IEI 0x00), encoded GSM-7 (data_coding 0) or UCS-2 (8) as splitSms decides.
 */
export class SmppGateway implements SmsGateway {
  readonly name = 'smpp';
  private session: SmppSession | null = null;
  private connecting: Promise<SmppSession> | null = null;
  private reference = Math.floor(Math.random() * 256);

  constructor(private readonly options: SmppGatewayOptions) {}

  private connect(): Promise<SmppSession> {
    if (this.session) return Promise.resolve(this.session);
    this.connecting ??= new Promise<SmppSession>((resolve, reject) => {
      const session = smpp.connect({ url: this.options.url, auto_enquire_link_period: 10000 }, () => {
        session.bind_transceiver({ system_id: this.options.systemId, password: this.options.password }, (pdu) => {
          if (pdu.command_status === 0) {
            this.session = session;
            resolve(session);
          } else {
            session.close();
            reject(new NotifyError(`SMPP bind refused with status ${pdu.command_status}`, false));
          }
        });
      });
      const drop = () => {
        if (this.session === session) this.session = null;
      };
      session.on('close', drop);
      session.on('error', (err) => {
        drop();
        reject(new NotifyError(`SMPP connection failed: ${(err as Error).message}`, true));
      });
    }).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private submit(session: SmppSession, fields: Record<string, unknown>): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new NotifyError('SMSC did not answer submit_sm in time', true)), this.options.timeoutMs ?? 10000);
      session.submit_sm(fields, (pdu) => {
        clearTimeout(timer);
        if (pdu.command_status === 0) resolve();
        else reject(new NotifyError(`SMSC refused submit_sm with status ${pdu.command_status}`, RETRYABLE_STATUS.has(pdu.command_status)));
      });
    });
  }

  async send(to: string, text: string): Promise<void> {
    const session = await this.connect();
    const { encoding, parts } = splitSms(text);
    const dataCoding = encoding === 'gsm7' ? 0x00 : 0x08;
    const base = { source_addr: this.options.sourceAddr, destination_addr: to.replace(/^\+/, ''), dest_addr_ton: 1, dest_addr_npi: 1, registered_delivery: 1, data_coding: dataCoding };
    if (parts.length <= 1) {
      await this.submit(session, { ...base, short_message: text });
      return;
    }
    const ref = (this.reference = (this.reference + 1) % 256);
    for (let i = 0; i < parts.length; i++) {
      const udh = Buffer.from([0x05, 0x00, 0x03, ref, parts.length, i + 1]);
      await this.submit(session, { ...base, esm_class: 0x40, short_message: { udh, message: parts[i] } });
    }
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        session.close();
        resolve();
      }, 1000);
      session.unbind(() => {
        clearTimeout(timer);
        session.close();
        resolve();
      });
    });
  }
}
