import { IsInt, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

/** Payloads of the room's client events; unknown fields are refused by the /live pipe. */
export class SessionPayload {
  @IsUUID()
  sessionId: string;
}

export class ResumePayload extends SessionPayload {
  /** The last seq the client holds (0: none). */
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  afterSeq: number;
}

export const MAX_MESSAGE_LENGTH = 2000;

export class SendMessagePayload extends SessionPayload {
  /** Chosen by the client, unique per author and session: a retry with it is not stored twice. */
  @IsString()
  @Length(1, 64)
  @Matches(/^[A-Za-z0-9_.:-]+$/, { message: 'clientId may use letters, digits and _ . : - only' })
  clientId: string;

  @IsString()
  @Length(1, MAX_MESSAGE_LENGTH)
  @Matches(/\S/, { message: 'text must not be blank' })
  text: string;
}

export class ParticipantPayload extends SessionPayload {
  /** The member acted upon, by handle (as the roster shows it). */
  @IsString()
  @Length(1, 60)
  handle: string;
}
