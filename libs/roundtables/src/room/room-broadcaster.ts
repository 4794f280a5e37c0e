import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace } from 'socket.io';
import { LIVE_NAMESPACE } from '@app/core';

/**
 * The /live namespace for the room's services (no handlers of its own). With the Redis adapter,
 * an emit to a room reaches that room's sockets on every node.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class RoomBroadcaster {
  @WebSocketServer()
  readonly server: Namespace;

  emit(room: string, event: string, payload: Record<string, unknown>): void {
    this.server.to(room).emit(event, payload);
  }
}
