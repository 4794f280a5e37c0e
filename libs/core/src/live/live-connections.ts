import { Injectable } from '@nestjs/common';
import { LiveGateway } from './live.gateway';
import { memberRoom } from './live-socket';

/** Acts on members' open /live connections, on every node (rooms cross nodes through Redis). */
@Injectable()
export class LiveConnections {
  constructor(private readonly gateway: LiveGateway) {}

  /**
   * Closes every /live socket of the member, wherever it is connected. Their next handshake
   * reads the account afresh (a suspension, say, then applies to their live events too).
   */
  disconnectMember(memberId: string): void {
    this.gateway.server.in(memberRoom(memberId)).disconnectSockets(true);
  }
}
