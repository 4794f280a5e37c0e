// The roundtable's end travels as a typed server event: RoundtablesService emits it after the
// ending transaction commits, and the room writes the record (see record-writer.ts).
declare module '@app/core' {
  interface ServerEventMap {
    'roundtables.ended': { roundtableId: string };
  }
}

export const ROUNDTABLE_ENDED = 'roundtables.ended';
