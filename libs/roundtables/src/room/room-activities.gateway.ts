import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { Access, LIVE_NAMESPACE, LiveEvents, LiveSocket, LiveWrite } from '@app/core';
import { AgendaService } from './agenda.service';
import { FloorService } from './floor.service';
import { LiveQuestionsService } from './live-questions.service';
import { PollsService } from './polls.service';
import { ReactionsService } from './reactions.service';
import {
  AgendaAdvancePayload,
  FloorGivePayload,
  HandLowerPayload,
  PollOpenPayload,
  PollPayload,
  PollVotePayload,
  QuestionAnswerPayload,
  QuestionAskPayload,
  QuestionPayload,
  ReactionSendPayload,
  SessionPayload,
  TakeawayAddPayload,
  TakeawayPayload,
  TakeawayPinPayload,
} from './room-activities.payloads';
import { SpeakingQueueService } from './speaking-queue.service';
import { TakeawaysService } from './takeaways.service';

/**
 * The room's activities on /live: each handler validates its payload (the class) and hands over
 * to its concern's service, which checks who may act inside its transaction. One gateway, not one
 * per concern: Nest adds a `connection` listener per gateway to the namespace and a `disconnect`
 * listener per gateway to every socket, and past 10 Node warns on every single connection.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@LiveEvents()
@Access('member')
export class RoomActivitiesGateway {
  constructor(
    private readonly queue: SpeakingQueueService,
    private readonly floor: FloorService,
    private readonly agenda: AgendaService,
    private readonly questions: LiveQuestionsService,
    private readonly takeaways: TakeawaysService,
    private readonly polls: PollsService,
    private readonly reactions: ReactionsService,
  ) {}

  @SubscribeMessage('hand.raise')
  @LiveWrite()
  raiseHand(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: SessionPayload) {
    return this.queue.raise(socket.data.member, payload.sessionId);
  }

  @SubscribeMessage('hand.lower')
  @LiveWrite()
  lowerHand(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: HandLowerPayload) {
    return this.queue.lower(socket.data.member, payload.sessionId, payload.handle);
  }

  @SubscribeMessage('floor.give')
  @LiveWrite()
  giveFloor(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: FloorGivePayload) {
    return this.floor.give(socket.data.member, payload.sessionId, payload.handle);
  }

  @SubscribeMessage('floor.end')
  @LiveWrite()
  endFloor(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: SessionPayload) {
    return this.floor.end(socket.data.member, payload.sessionId);
  }

  @SubscribeMessage('agenda.advance')
  @LiveWrite()
  advanceAgenda(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: AgendaAdvancePayload,
  ) {
    return this.agenda.advance(socket.data.member, payload.sessionId, payload.from);
  }

  @SubscribeMessage('question.ask')
  @LiveWrite()
  ask(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: QuestionAskPayload) {
    return this.questions.ask(socket.data.member, payload.sessionId, payload.text);
  }

  @SubscribeMessage('question.upvote')
  @LiveWrite()
  upvote(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: QuestionPayload) {
    return this.questions.upvote(socket.data.member, payload.sessionId, payload.questionId);
  }

  @SubscribeMessage('question.answer')
  @LiveWrite()
  answer(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: QuestionAnswerPayload) {
    const { sessionId, questionId, answer } = payload;
    return this.questions.answer(socket.data.member, sessionId, questionId, answer);
  }

  @SubscribeMessage('takeaway.add')
  @LiveWrite()
  addTakeaway(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: TakeawayAddPayload) {
    return this.takeaways.add(socket.data.member, payload.sessionId, payload.text);
  }

  @SubscribeMessage('takeaway.pin')
  @LiveWrite()
  pinTakeaway(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: TakeawayPinPayload) {
    const { sessionId, takeawayId, pinned } = payload;
    return this.takeaways.pin(socket.data.member, sessionId, takeawayId, pinned ?? true);
  }

  @SubscribeMessage('takeaway.remove')
  @LiveWrite()
  removeTakeaway(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: TakeawayPayload) {
    return this.takeaways.remove(socket.data.member, payload.sessionId, payload.takeawayId);
  }

  @SubscribeMessage('poll.open')
  @LiveWrite()
  openPoll(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: PollOpenPayload) {
    const { sessionId, question, options } = payload;
    return this.polls.open(socket.data.member, sessionId, question, options);
  }

  @SubscribeMessage('poll.close')
  @LiveWrite()
  closePoll(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: PollPayload) {
    return this.polls.close(socket.data.member, payload.sessionId, payload.pollId);
  }

  @SubscribeMessage('poll.vote')
  @LiveWrite()
  async vote(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: PollVotePayload) {
    const { sessionId, pollId, option } = payload;
    const { seq } = await this.polls.vote(socket.data.member, sessionId, pollId, option);
    return { seq };
  }

  /** Acknowledged at once; the room sees it in the next `reaction.burst`. */
  @SubscribeMessage('reaction.send')
  @LiveWrite()
  async react(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: ReactionSendPayload) {
    await this.reactions.send(socket.data.member, payload.sessionId, payload.emoji, payload.seq);
    return {};
  }
}
