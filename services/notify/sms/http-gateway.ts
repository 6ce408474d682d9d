import { NotifyError } from '../notifier';
import type { SmsGateway } from './sms-gateway';

export interface HttpSmsGatewayOptions {
  url: string;
  /** Sent as the Authorization header, e.g. `Bearer abc` or `Basic ...`. */
  authorization?: string;
  from: string;
  /**
   * Body template; {{to}}, {{from}} and {{text}} are replaced by JSON-escaped strings (without
   * quotes), so the template decides the provider's field names.
   */
  bodyTemplate?: string;
  contentType?: string;
  timeoutMs?: number;
}

const DEFAULT_TEMPLATE = '{"to":"{{to}}","from":"{{from}}","text":"{{text}}"}';

function jsonInner(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** A generic HTTP SMS API (most providers: POST JSON or form with to/from/text). The provider concatenates long texts. */
export class HttpSmsGateway implements SmsGateway {
  readonly name = 'http';
  constructor(private readonly options: HttpSmsGatewayOptions) {}

  render(to: string, text: string): string {
    const template = this.options.bodyTemplate ?? DEFAULT_TEMPLATE;
    return template.replace(/\{\{(to|from|text)\}\}/g, (_m, name: 'to' | 'from' | 'text') => jsonInner(name === 'to' ? to : name === 'from' ? this.options.from : text));
  }

  async send(to: string, text: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': this.options.contentType ?? 'application/json', ...(this.options.authorization ? { authorization: this.options.authorization } : {}) },
        body: this.render(to, text),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10000),
      });
    } catch (err) {
      throw new NotifyError(`SMS gateway not reachable: ${(err as Error).message}`, true);
    }
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    if (response.status === 429 || response.status >= 500) throw new NotifyError(`SMS gateway answered ${response.status}`, true);
    throw new NotifyError(`SMS gateway refused the message with ${response.status}`, false);
  }

  async close(): Promise<void> {}
}
