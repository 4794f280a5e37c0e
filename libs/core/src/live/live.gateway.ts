import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Namespace } from 'socket.io';
import { Access } from '../auth/access.decorator';
import { Metrics } from '../observability/metrics';
import { LiveEvents } from './live-envelope.interceptor';
import { LIVE_NAMESPACE, LiveSocket, memberRoom } from './live-socket';

export class PingPayload {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  echo?: string;
}

/**
 * The core of /live: puts each authenticated socket in its member's room and disconnects it
 * (after `auth.expired`) when its access token runs out. Domains add gateways of their own.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@LiveEvents()
@Access('member')
export class LiveGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('Live');
  private readonly expiryTimers = new WeakMap<LiveSocket, NodeJS.Timeout>();

  /** The /live namespace (set by Nest at init): emit to a member's room, list its sockets. */
  @WebSocketServer()
  readonly server: Namespace;

  constructor(private readonly metrics: Metrics) {}

  async handleConnection(socket: LiveSocket): Promise<void> {
    const member = socket.data.member;
    if (!member) {
      socket.disconnect(true);
      return;
    }
    this.metrics.openSockets.inc();
    await socket.join(memberRoom(member.id));
    const msLeft = member.tokenExpiresAt.getTime() - Date.now();
    const timer = setTimeout(
      () => {
        socket.emit('auth.expired', {
          message: 'Your access token expired; reconnect with a fresh one.',
        });
        socket.disconnect(true);
      },
      Math.max(msLeft, 0),
    );
    this.expiryTimers.set(socket, timer);
    this.logger.debug({ socketId: socket.id, memberId: member.id }, 'live socket connected');
  }

  handleDisconnect(socket: LiveSocket): void {
    const timer = this.expiryTimers.get(socket);
    if (timer) {
      clearTimeout(timer);
      this.metrics.openSockets.dec();
    }
  }

  @SubscribeMessage('ping')
  ping(@ConnectedSocket() _socket: LiveSocket, @MessageBody() payload: PingPayload) {
    return {
      at: new Date().toISOString(),
      ...(payload.echo !== undefined ? { echo: payload.echo } : {}),
    };
  }
}
