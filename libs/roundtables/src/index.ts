// What other libraries may use from roundtables (the live room builds on RoundtablesService).
export { RoundtablesModule } from './roundtables.module';
export { RoundtablesService, Participation } from './roundtables.service';
export { RegistrationsService, SeatCounts } from './registrations.service';
export { QuestionsService, QuestionPage } from './questions.service';
export { RoundtableRecords, PublishedRecord } from './roundtable-records.service';
export { Actor } from './roundtable-access';
// The row type only (no repository access): what the services return.
export type { RoundtableEntity as Roundtable } from './roundtable.entity';
export { RoundtableState, AgendaItem } from './roundtable.entity';
export { RegistrationStatus } from './registration.entity';
export { RoundtableModel, QuestionModel } from './roundtable.models';
export { QuestionOrder } from './dto/roundtable.args';
export { RoundtablesError, RoundtablesErrorCode } from './roundtables.errors';
// For moderation: hiding live chat messages (its own module, importing the room's).
export { MessageModerationModule } from './room/message-moderation.module';
export { MessageModeration, MessageTx, LiveMessage } from './room/message-moderation.service';
export { MESSAGE_HIDDEN_BY_MODERATION } from './room/room-server-events';
