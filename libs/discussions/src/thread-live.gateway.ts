import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { BroadcastOperator, Namespace } from 'socket.io';
import { Access, LIVE_NAMESPACE, LiveEvents, LiveSocket } from '@app/core';
import { ThreadResumePayload, ThreadWatchPayload } from './dto/thread-live.payloads';
import { EngagementError, EngagementErrorCode } from './engagement.errors';
import { isStaff } from './reader';
import { ResumeAnswer, ThreadEventsService } from './thread-events.service';
import {
  LiveThreadEvent,
  THREAD_EDIT_EVENT,
  THREAD_REACTION_EVENT,
  THREAD_REPLY_EVENT,
  ThreadEventRow,
  ThreadLiveServerEvents,
  threadRoom,
  threadStaffRoom,
  toLiveEvent,
} from './thread-live.events';

/** Threads one socket may watch at once. */
export const WATCHED_THREADS_PER_SOCKET = 100;

/**
 * Live threads on /live: `thread.watch` joins the thread's room (members and staff apart, so
 * hidden content only ever goes to staff), `thread.resume` replays what a client missed.
 * Events are broadcast by ThreadEventsListener once their transaction has committed.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@LiveEvents()
@Access('member')
export class ThreadLiveGateway {
  @WebSocketServer()
  server: Namespace<Record<string, never>, ThreadLiveServerEvents>;

  constructor(private readonly events: ThreadEventsService) {}

  @SubscribeMessage('thread.watch')
  async watch(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: ThreadWatchPayload,
  ): Promise<{ threadId: string; lastEventId: number }> {
    const member = socket.data.member;
    const lastEventId = await this.events.checkWatch(member, payload.threadId);
    const room = isStaff(member) ? threadStaffRoom(payload.threadId) : threadRoom(payload.threadId);
    const watched = [...socket.rooms].filter((name) => name.startsWith('thread:'));
    if (!watched.includes(room) && watched.length >= WATCHED_THREADS_PER_SOCKET) {
      throw new EngagementError(
        EngagementErrorCode.WATCH_LIMIT,
        `A connection watches at most ${WATCHED_THREADS_PER_SOCKET} threads; unwatch one first.`,
      );
    }
    await socket.join(room);
    return { threadId: payload.threadId, lastEventId };
  }

  @SubscribeMessage('thread.unwatch')
  async unwatch(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: ThreadWatchPayload,
  ): Promise<{ threadId: string }> {
    await socket.leave(threadRoom(payload.threadId));
    await socket.leave(threadStaffRoom(payload.threadId));
    return { threadId: payload.threadId };
  }

  @SubscribeMessage('thread.resume')
  resume(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: ThreadResumePayload,
  ): Promise<ResumeAnswer> {
    return this.events.resume(socket.data.member, payload.threadId, payload.afterEventId);
  }

  /** Whether any socket of this node watches the thread (events are sent node by node). */
  isWatchedHere(threadId: string): boolean {
    const rooms = this.server.adapter.rooms;
    return !!(rooms.get(threadRoom(threadId))?.size || rooms.get(threadStaffRoom(threadId))?.size);
  }

  /**
   * Sends one committed event to this node's watchers: every node hears it from PostgreSQL, so
   * each emits locally only. Members and staff get the same payload unless something is hidden.
   */
  broadcast(row: ThreadEventRow): void {
    const forMembers = toLiveEvent(row, false);
    const forStaff = toLiveEvent(row, true);
    const members = threadRoom(row.thread_id);
    const staff = threadStaffRoom(row.thread_id);
    if (forMembers && forStaff && JSON.stringify(forMembers) === JSON.stringify(forStaff)) {
      send(this.server.local.to(members).to(staff), forMembers);
      return;
    }
    if (forMembers) send(this.server.local.to(members), forMembers);
    if (forStaff) send(this.server.local.to(staff), forStaff);
  }
}

function send(to: BroadcastOperator<ThreadLiveServerEvents, unknown>, live: LiveThreadEvent): void {
  switch (live.event) {
    case THREAD_REPLY_EVENT:
      to.emit(live.event, live.data);
      break;
    case THREAD_EDIT_EVENT:
      to.emit(live.event, live.data);
      break;
    case THREAD_REACTION_EVENT:
      to.emit(live.event, live.data);
      break;
  }
}
