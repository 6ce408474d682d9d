import * as nodemailer from 'nodemailer';
import { NotifyError, type Notifier, type RecipientAddress } from '../notifier';
import type { EmailMessage } from './email-message';

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Accept self-signed certificates (test servers only). */
  allowSelfSigned?: boolean;
}

/** E-mail over SMTP with nodemailer; SMTP 4xx replies and connection errors are retryable, 5xx are not. */
export class EmailNotifier implements Notifier<EmailMessage> {
  readonly channel = 'email' as const;
  private readonly transport: nodemailer.Transporter;

  constructor(private readonly options: SmtpOptions) {
    this.transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.secure,
      auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
      pool: true,
      maxConnections: 2,
      tls: options.allowSelfSigned ? { rejectUnauthorized: false } : undefined,
    });
  }

  async notify(message: EmailMessage, recipient: RecipientAddress): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.options.from, to: recipient.address, subject: message.subject, text: message.text, html: message.html });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500) throw new NotifyError(`mail server refused the message (${code})`, false, code === 550 || code === 551 || code === 553);
      throw new NotifyError(`mail delivery failed: ${(err as Error).message}`, true);
    }
  }

  close(): void {
    this.transport.close();
  }
}
