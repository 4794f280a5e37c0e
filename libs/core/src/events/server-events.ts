import { Injectable, Logger } from '@nestjs/common';

/**
 * Side effects that cross domains travel as typed events instead of imports going upwards or
 * sideways (STYLE.md rule 2). A library listens in its onModuleInit. Domains add their own
 * events to this map by declaration merging:
 *   declare module '@app/core' { interface ServerEventMap { 'thread.created': {...} } }
 */
export interface ServerEventMap {
  'account.password-changed': { accountId: string };
  'account.password-reset-issued': { accountId: string; issuedBy: string };
  'account.password-reset': { accountId: string };
}

type Handler<K extends keyof ServerEventMap> = (payload: ServerEventMap[K]) => Promise<void> | void;

@Injectable()
export class ServerEvents {
  private readonly logger = new Logger('ServerEvents');
  private readonly handlers = new Map<keyof ServerEventMap, Handler<never>[]>();

  on<K extends keyof ServerEventMap>(event: K, handler: Handler<K>): void {
    const list = this.handlers.get(event) ?? [];
    list.push(handler as Handler<never>);
    this.handlers.set(event, list);
  }

  /** Runs every handler; a failing handler is logged and never fails the emitter's operation. */
  async emit<K extends keyof ServerEventMap>(event: K, payload: ServerEventMap[K]): Promise<void> {
    for (const handler of (this.handlers.get(event) ?? []) as Handler<K>[]) {
      try {
        await handler(payload);
      } catch (error) {
        this.logger.error({ err: error, event }, 'A server event handler failed');
      }
    }
  }
}
