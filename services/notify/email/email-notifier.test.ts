// A real SMTP server (smtp-server package) on a free port; the test checks what arrived.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { EmailNotifier } from './email-notifier';
import { emailMessageFor } from './email-message';
import { sampleAlert } from '../test-support/sample-alert';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

async function startSmtp(options: { rejectRcpt?: string } = {}): Promise<{ port: number; mails: Mail[]; close: () => Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, cb) {
      if (address.address === options.rejectRcpt) {
        const err = new Error('mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        cb(err);
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? (session.envelope.mailFrom as { address: string }).address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise((r) => server.close(() => r())) };
}

describe('EmailNotifier against an SMTP server', () => {
  it('delivers a bilingual plain text + HTML warning', async () => {
    const smtp = await startSmtp();
    const notifier = new EmailNotifier({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'warnung@hagen.example' });
    try {
      const alert = sampleAlert();
      await notifier.notify(emailMessageFor(alert, 'https://warn.hagen.example'), { ref: 'email:x', channel: 'email', address: 'lagedienst@hagen.example', language: 'de' });
      expect(smtp.mails).toHaveLength(1);
      const mail = smtp.mails[0];
      expect(mail.from).toBe('warnung@hagen.example');
      expect(mail.to).toEqual(['lagedienst@hagen.example']);
      expect(mail.raw).toMatch(/multipart\/alternative/);
      expect(mail.raw).toMatch(/text\/plain/);
      expect(mail.raw).toMatch(/text\/html/);
      // Headline in German and English, quoted-printable or not.
      const decoded = mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      expect(decoded).toContain('Hochwasser');
      expect(decoded).toContain('Flood');
      expect(decoded).toContain('Pegel Hagen-Eckesey 312 cm');
    } finally {
      notifier.close();
      await smtp.close();
    }
  });

  it('marks exercises in the subject', () => {
    const msg = emailMessageFor({ ...sampleAlert(), status: 'Exercise' }, 'https://warn.hagen.example');
    expect(msg.subject.startsWith('[ÜBUNG / EXERCISE]')).toBe(true);
  });

  it('reports a refused mailbox as permanent and gone', async () => {
    const smtp = await startSmtp({ rejectRcpt: 'weg@hagen.example' });
    const notifier = new EmailNotifier({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'warnung@hagen.example' });
    try {
      await expect(notifier.notify(emailMessageFor(sampleAlert(), 'https://x'), { ref: 'email:y', channel: 'email', address: 'weg@hagen.example', language: 'de' })).rejects.toMatchObject({ retryable: false, recipientGone: true });
    } finally {
      notifier.close();
      await smtp.close();
    }
  });
});
