// Discussions' side effects on other domains travel as typed server events (core's ServerEvents),
// emitted after the transaction commits.
declare module '@app/core' {
  interface ServerEventMap {
    /** A question's accepted answer changed: the new one, and the one it replaced, if any. */
    'discussions.answer-accepted': { threadId: string; replyIds: string[] };
  }
}

export const ANSWER_ACCEPTED = 'discussions.answer-accepted';
