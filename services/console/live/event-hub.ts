import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HubEvent {
  id: string;
  type: string;
  data: unknown;
}

/**
 * Server-sent events to the open consoles. Each event gets an id `<boot>-<n>`; a browser that
 * reconnects (EventSource does so by itself) sends Last-Event-ID and gets what it missed from a
 * bounded backlog, or a `resync` event (reload everything) when the gap is too old or the
 * process restarted. A comment line every `heartbeatMs` keeps proxies from closing idle streams.
 */
export class EventHub {
  private readonly boot = randomBytes(4).toString('hex');
  private seq = 0;
  private readonly backlog: HubEvent[] = [];
  private readonly clients = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly backlogSize = 500,
    heartbeatMs = 15_000,
  ) {
    this.timer = setInterval(() => {
      for (const c of this.clients) c.write(': keep-alive\n\n');
    }, heartbeatMs);
    this.timer.unref();
  }

  get connected(): number {
    return this.clients.size;
  }

  publish(type: string, data: unknown): void {
    const event: HubEvent = { id: `${this.boot}-${++this.seq}`, type, data };
    this.backlog.push(event);
    if (this.backlog.length > this.backlogSize) this.backlog.shift();
    const frame = format(event);
    for (const c of this.clients) c.write(frame);
  }

  /** Takes over the response as an event stream until the client goes away. */
  attach(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 3000\n\n');
    const last = req.headers['last-event-id'];
    const lastId = Array.isArray(last) ? last[0] : last;
    if (lastId) {
      const [boot, n] = lastId.split('-');
      const missedFrom = Number(n) + 1;
      const oldest = this.backlog[0] ? Number(this.backlog[0].id.split('-')[1]) : this.seq + 1;
      if (boot !== this.boot || missedFrom < oldest) res.write(format({ id: `${this.boot}-${this.seq}`, type: 'resync', data: {} }));
      else for (const e of this.backlog) if (Number(e.id.split('-')[1]) >= missedFrom) res.write(format(e));
    } else {
      res.write(format({ id: `${this.boot}-${this.seq}`, type: 'hello', data: {} }));
    }
    this.clients.add(res);
    const drop = () => this.clients.delete(res);
    req.on('close', drop);
    res.on('close', drop);
  }

  close(): void {
    clearInterval(this.timer);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}

function format(e: HubEvent): string {
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;
}
