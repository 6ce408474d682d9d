import { NotifyError, type Notifier, type RecipientAddress } from '../notifier';

/** A route to the mobile network: an HTTP SMS API or an SMPP connection to an SMSC. */
export interface SmsGateway {
  readonly name: string;
  /** Sends one text (split into parts by the gateway as its protocol needs) to an E.164 number. */
  send(to: string, text: string): Promise<void>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

export class SmsNotifier implements Notifier<string> {
  readonly channel = 'sms' as const;
  constructor(private readonly gateway: SmsGateway) {}

  async notify(text: string, recipient: RecipientAddress): Promise<void> {
    if (!E164.test(recipient.address)) throw new NotifyError('recipient number is not in E.164 form', false, true);
    await this.gateway.send(recipient.address, text);
  }
}
