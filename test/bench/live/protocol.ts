/** What the live-room bench and its load process (load.ts) say to each other over IPC. */

export type LoadCommand =
  | {
      kind: 'connect';
      /** A named set of clients (one per server under test). */
      group: string;
      /** Client i connects to urls[i % urls.length] (clients split across nodes). */
      urls: string[];
      /** One client per token, sent as `auth.token`. */
      tokens: string[];
      concurrency: number;
    }
  | { kind: 'join'; group: string; sessionId: string; concurrency: number }
  | {
      kind: 'step';
      group: string;
      sessionId: string;
      /** The first `senders` clients of the group send, in turn. */
      senders: number;
      /** Messages a second, all senders together. */
      rate: number;
      seconds: number;
      /** How long to wait after the last send for late acks and deliveries. */
      drainMs: number;
    }
  | { kind: 'close'; group: string };

export type LoadRequest = LoadCommand & { id: number };

export type LoadResponse =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface ConnectResult {
  connected: number;
}

export interface JoinResult {
  joined: number;
  /** Roster size in the last join ack, when the server sends one. */
  rosterSize: number | null;
}

export interface StepResult {
  rate: number;
  receivers: number;
  sent: number;
  acked: number;
  /** Acks `{ok: false}` (their messages are not expected to arrive). */
  refused: number;
  firstRefusal: string | null;
  /** (sent − refused) × receivers. */
  expected: number;
  delivered: number;
  /** Deliveries per second, from the first send to the last delivery. */
  deliveredPerSecond: number;
  /** Send-to-receive, ms; Infinity when more than 1 − p of the expected deliveries never came. */
  p50: number;
  p99: number;
  max: number;
  ackP50: number;
  ackP99: number;
  /** Event-loop utilisation of the load process during the step (0–1): near 1, it limits. */
  loadElu: number;
  wallSeconds: number;
}
