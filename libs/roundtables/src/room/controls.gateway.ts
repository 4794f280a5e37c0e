import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { LIVE_NAMESPACE, LiveEvents, LiveSocket, LiveWrite } from '@app/core';
import { ParticipantPayload, SessionPayload } from './dto/room.payloads';
import { ControlsService } from './controls.service';

/** `participant.*` and `room.*`: facilitators' and moderators' controls. Ack `{changed, seq?}`. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@LiveEvents()
export class ControlsGateway {
  constructor(private readonly controls: ControlsService) {}

  @SubscribeMessage('participant.mute')
  @LiveWrite()
  mute(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: ParticipantPayload) {
    return this.controls.mute(socket.data.member, payload.sessionId, payload.handle, true);
  }

  @SubscribeMessage('participant.unmute')
  @LiveWrite()
  unmute(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: ParticipantPayload) {
    return this.controls.mute(socket.data.member, payload.sessionId, payload.handle, false);
  }

  @SubscribeMessage('participant.remove')
  @LiveWrite()
  remove(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: ParticipantPayload) {
    return this.controls.remove(socket.data.member, payload.sessionId, payload.handle);
  }

  @SubscribeMessage('room.lock')
  @LiveWrite()
  lock(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: SessionPayload) {
    return this.controls.lock(socket.data.member, payload.sessionId, true);
  }

  @SubscribeMessage('room.unlock')
  @LiveWrite()
  unlock(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: SessionPayload) {
    return this.controls.lock(socket.data.member, payload.sessionId, false);
  }
}
