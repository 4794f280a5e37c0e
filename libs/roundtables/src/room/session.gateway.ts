import {
  ConnectedSocket,
  MessageBody,
  OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { Logger } from '@nestjs/common';
import { LIVE_NAMESPACE, LiveEvents, LiveSocket } from '@app/core';
import { ResumePayload, SessionPayload } from './dto/room.payloads';
import { RoomService } from './room.service';

/** `session.*`: entering, leaving and resuming a roundtable's room; presence follows sockets. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@LiveEvents()
export class SessionGateway implements OnGatewayDisconnect {
  private readonly logger = new Logger(SessionGateway.name);

  constructor(private readonly room: RoomService) {}

  handleDisconnect(socket: LiveSocket): void {
    this.room
      .disconnected(socket)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, socketId: socket.id }, 'Presence cleanup failed'),
      );
  }

  /** Ack: the snapshot (state, roster, agenda, last messages, lastSeq, the features' parts). */
  @SubscribeMessage('session.join')
  join(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: SessionPayload) {
    return this.room.join(socket, payload.sessionId);
  }

  /** Ack: `{events: [{seq, type, payload}], lastSeq, truncated, roster}`. */
  @SubscribeMessage('session.resume')
  resume(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: ResumePayload) {
    return this.room.resume(socket, payload.sessionId, payload.afterSeq);
  }

  @SubscribeMessage('session.leave')
  async leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: SessionPayload) {
    await this.room.leave(socket, payload.sessionId);
    return {};
  }
}
