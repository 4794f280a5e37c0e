/**
 * A lean Socket.IO v4 client over `ws`: Engine.IO v4 on the websocket transport only, one
 * namespace, acks and events, nothing else (no reconnection, no buffering, no binary). It does the
 * least work per received frame so that one core can hold hundreds of room members while the
 * server is measured, where full socket.io-client instances would saturate the load core first.
 *
 * Wire forms used (text frames):
 *   server → `0{"sid":...,"pingInterval":...}`   Engine.IO open
 *   server → `2` / client → `3`                   ping / pong
 *   client → `40/live,{"token":"..."}`            connect to the namespace (auth)
 *   server → `40/live,{"sid":"..."}` | `44/live,{"message":"..."}`
 *   client → `42/live,<id>["event",{...}]`        emit with an ack id
 *   server → `43/live,<id>[{...}]`                 the ack
 *   server → `42/live,["event",{...}]`            a broadcast
 */
import WebSocket from 'ws';

const PING = 0x32; // '2'

export interface LeanClientOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:3000. */
  url: string;
  namespace: string;
  /** Sent as the handshake's `auth` (e.g. `{token}`); omitted when null. */
  auth: Record<string, unknown> | null;
  /** Every broadcast frame for the namespace, raw (`42<nsp>,[...]`), with its arrival time. */
  onEvent?: (frame: Buffer, at: number) => void;
}

type AckCallback = (payload: unknown) => void;

export class LeanClient {
  private ws: WebSocket | null = null;
  private nextAck = 0;
  private readonly acks = new Map<number, AckCallback>();
  private readonly connectPrefix: string;
  private readonly errorPrefix: string;
  private readonly ackPrefix: Buffer;
  private readonly eventPrefix: Buffer;
  private readonly emitPrefix: string;
  closed = false;

  constructor(private readonly options: LeanClientOptions) {
    const nsp = options.namespace === '/' ? '' : `${options.namespace},`;
    this.connectPrefix = `40${nsp}`;
    this.errorPrefix = `44${nsp}`;
    this.ackPrefix = Buffer.from(`43${nsp}`);
    this.eventPrefix = Buffer.from(`42${nsp}`);
    this.emitPrefix = `42${nsp}`;
  }

  /** Opens the websocket and connects to the namespace; rejects on a refusal or after `ms`. */
  connect(ms = 15_000): Promise<void> {
    const wsUrl = `${this.options.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(wsUrl, { perMessageDeflate: false, skipUTF8Validation: true });
      this.ws = ws;
      let settled = false;
      const settle = (error: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) {
          ws.terminate();
          reject(error);
        } else resolve();
      };
      const timer = setTimeout(() => settle(new Error(`no connect within ${ms} ms`)), ms);
      ws.on('error', (error: Error) => settle(error));
      ws.on('close', () => {
        this.closed = true;
        settle(new Error('closed before connecting'));
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) return;
        const at = performance.now();
        const first = data[0];
        if (first === PING && data.length === 1) {
          ws.send('3');
          return;
        }
        if (startsWith(data, this.eventPrefix)) {
          this.options.onEvent?.(data, at);
          return;
        }
        if (startsWith(data, this.ackPrefix)) {
          this.onAck(data);
          return;
        }
        const text = data.toString('utf8');
        if (text.startsWith('0')) {
          const auth = this.options.auth ? JSON.stringify(this.options.auth) : '';
          ws.send(`${this.connectPrefix}${auth}`);
        } else if (text.startsWith(this.connectPrefix)) {
          settle(null);
        } else if (text.startsWith(this.errorPrefix)) {
          settle(new Error(`connect refused: ${text.slice(this.errorPrefix.length)}`));
        }
      });
    });
  }

  /** `42<nsp>,<id>["event",payload]`; resolves with the ack's first argument. */
  emitWithAck(event: string, payload: unknown, ms = 30_000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.nextAck++;
      const timer = setTimeout(() => {
        this.acks.delete(id);
        reject(new Error(`no ack for ${event} within ${ms} ms`));
      }, ms);
      this.acks.set(id, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
      this.send(`${this.emitPrefix}${id}${JSON.stringify([event, payload])}`);
    });
  }

  /** Like emitWithAck without a timer (the hot path): `onAck` gets the parsed ack. */
  emitFast(event: string, payload: unknown, onAck: AckCallback): void {
    const id = this.nextAck++;
    this.acks.set(id, onAck);
    this.send(`${this.emitPrefix}${id}${JSON.stringify([event, payload])}`);
  }

  close(): void {
    this.closed = true;
    this.ws?.terminate();
  }

  private send(frame: string): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) throw new Error('not connected');
    this.ws.send(frame);
  }

  private onAck(data: Buffer): void {
    let i = this.ackPrefix.length;
    let id = 0;
    while (i < data.length && data[i] >= 0x30 && data[i] <= 0x39) id = id * 10 + data[i++] - 0x30;
    const callback = this.acks.get(id);
    if (!callback) return;
    this.acks.delete(id);
    const args = JSON.parse(data.toString('utf8', i)) as unknown[];
    callback(args[0]);
  }
}

function startsWith(data: Buffer, prefix: Buffer): boolean {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix[i]) return false;
  return true;
}

/** Opens `count` clients with at most `concurrency` handshakes in flight. */
export async function connectAll(
  count: number,
  concurrency: number,
  make: (index: number) => LeanClient,
): Promise<LeanClient[]> {
  const clients: LeanClient[] = new Array<LeanClient>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next++;
        const client = make(index);
        await client.connect();
        clients[index] = client;
      }
    }),
  );
  return clients;
}
