import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { LIVE_NAMESPACE, LiveEvents, LiveSocket, LiveWrite } from '@app/core';
import { SendMessagePayload } from './dto/room.payloads';
import { MessagesService } from './messages.service';
import { RoomService } from './room.service';

/** `message.*`: the room's chat. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@LiveEvents()
export class MessageGateway {
  constructor(
    private readonly messages: MessagesService,
    private readonly room: RoomService,
  ) {}

  /** Ack `{seq}`; everyone in the room (the sender too) gets `message.new`. */
  @SubscribeMessage('message.send')
  @LiveWrite()
  async send(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: SendMessagePayload) {
    const author = await this.room.profileOf(socket);
    return this.messages.send(socket.data.member, author, payload);
  }
}
