import { IsInt, IsUUID, Max, Min } from 'class-validator';

/** `thread.watch` and `thread.unwatch`. */
export class ThreadWatchPayload {
  @IsUUID('all')
  threadId: string;
}

/** `thread.resume`: what happened after the last event the client saw (0: from the start). */
export class ThreadResumePayload {
  @IsUUID('all')
  threadId: string;

  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  afterEventId: number;
}
