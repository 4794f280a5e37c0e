// The roundtable's end travels as a typed server event: RoundtablesService emits it after the
// ending transaction commits, and the room writes the record (see record-writer.ts). Hidden
// messages travel too: the archive takes them out of recaps.
declare module '@app/core' {
  interface ServerEventMap {
    'roundtables.ended': { roundtableId: string };
    /** A chat message was hidden (or restored) by moderation, after the transaction commits. */
    'roundtables.message-hidden': { roundtableId: string; seq: number; hidden: boolean };
  }
}

export const ROUNDTABLE_ENDED = 'roundtables.ended';
export const MESSAGE_HIDDEN_BY_MODERATION = 'roundtables.message-hidden';
