import { Injectable } from '@nestjs/common';
import { AuthenticatedMember } from '@app/core';
import { RoomAccess, refusalOf } from './room-access';
import { RoomLog, RoomTx } from './room-log';
import { RosterMember } from './room-presence';

export const MESSAGE_NEW = 'message.new';

/** Sends stored in one transaction at most (the rest wait for the next). */
export const MAX_BATCH = 200;

/** The stored payload of `message.new` (the wire adds sessionId and seq). */
export interface MessagePayload extends Record<string, unknown> {
  clientId: string;
  author: RosterMember;
  text: string;
  sentAt: string;
}

export interface SendInput {
  sessionId: string;
  clientId: string;
  text: string;
}

interface PendingSend {
  member: AuthenticatedMember;
  author: RosterMember;
  input: SendInput;
  resolve(result: { seq: number }): void;
  reject(error: unknown): void;
}

type Outcome = { seq: number } | { error: Error };

/**
 * The room's chat: each message is one event of the session's log. Group commit: a session's
 * sends that arrive while its previous transaction runs are stored together in the next one
 * (one lock, one fsync for all), each with its own seq and its own refusal if any.
 */
@Injectable()
export class MessagesService {
  private readonly queues = new Map<string, PendingSend[]>();
  private readonly running = new Set<string>();

  constructor(
    private readonly log: RoomLog,
    private readonly access: RoomAccess,
  ) {}

  /**
   * Stores and (after commit) broadcasts the message; a retry with the same clientId returns the
   * first seq and sends nothing. Checks run under the log's lock: a mute committed first is seen.
   */
  send(member: AuthenticatedMember, author: RosterMember, input: SendInput) {
    return new Promise<{ seq: number }>((resolve, reject) => {
      const queue = this.queues.get(input.sessionId) ?? [];
      queue.push({ member, author, input, resolve, reject });
      this.queues.set(input.sessionId, queue);
      this.drain(input.sessionId);
    });
  }

  private drain(sessionId: string): void {
    if (this.running.has(sessionId)) return;
    const queue = this.queues.get(sessionId) ?? [];
    const batch = queue.splice(0, MAX_BATCH);
    if (queue.length === 0) this.queues.delete(sessionId);
    if (batch.length === 0) return;
    this.running.add(sessionId);
    this.log
      .transact(sessionId, (tx) => this.store(tx, sessionId, batch))
      .then(
        (outcomes) =>
          batch.forEach((send, i) => {
            const outcome = outcomes[i];
            if ('seq' in outcome) send.resolve({ seq: outcome.seq });
            else send.reject(outcome.error);
          }),
        (error: unknown) => batch.forEach((send) => send.reject(error)),
      )
      .finally(() => {
        this.running.delete(sessionId);
        this.drain(sessionId);
      });
  }

  private async store(tx: RoomTx, sessionId: string, batch: PendingSend[]): Promise<Outcome[]> {
    const participants = await this.access.participantsOf(
      sessionId,
      batch.map((send) => send.member),
      tx.manager,
    );
    // Each (author, clientId) looked up in the unique index; OFFSET 0 keeps the planner from
    // flattening the lateral into a scan of the whole session's log.
    const existing = await tx.manager.query<
      Array<{ actor_id: string; client_id: string; seq: number }>
    >(
      `SELECT k.actor AS actor_id, k.client AS client_id, e.seq
         FROM unnest($2::uuid[], $3::text[]) AS k(actor, client)
        CROSS JOIN LATERAL (
          SELECT seq FROM room_event
           WHERE roundtable_id = $1 AND type = 'message.new'
             AND actor_id = k.actor AND payload->>'clientId' = k.client
          OFFSET 0) e`,
      [sessionId, batch.map((send) => send.member.id), batch.map((send) => send.input.clientId)],
    );
    const key = (actor: string, client: string) => `${actor} ${client}`;
    const seqs = new Map(existing.map((row) => [key(row.actor_id, row.client_id), row.seq]));
    // Index in `fresh` of the first send of each new (author, clientId): a retry within the batch
    // gets its seq.
    const firstOf = new Map<string, number>();
    const fresh: PendingSend[] = [];
    const plan = batch.map((send, i): Outcome | string => {
      const refused = refusalOf(participants[i], { write: true });
      if (refused) return { error: refused };
      const k = key(send.member.id, send.input.clientId);
      const seq = seqs.get(k);
      if (seq !== undefined) return { seq };
      if (!firstOf.has(k)) {
        firstOf.set(k, fresh.length);
        fresh.push(send);
      }
      return k;
    });
    const stored = await tx.appendMany(
      fresh.map((send) => ({
        type: MESSAGE_NEW,
        payload: {
          clientId: send.input.clientId,
          author: send.author,
          text: send.input.text,
          sentAt: new Date().toISOString(),
        } satisfies MessagePayload,
        actorId: send.member.id,
      })),
    );
    return plan.map((step) =>
      typeof step === 'string' ? { seq: stored[firstOf.get(step) as number].seq } : step,
    );
  }
}
