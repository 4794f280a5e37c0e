// What other libraries may use from roundtables (the live room builds on RoundtablesService).
export { RoundtablesModule } from './roundtables.module';
export { RoundtablesService, Participation } from './roundtables.service';
export { RegistrationsService, SeatCounts } from './registrations.service';
export { QuestionsService, QuestionPage } from './questions.service';
export { Actor } from './roundtable-access';
// The row type only (no repository access): what the services return.
export type { RoundtableEntity as Roundtable } from './roundtable.entity';
export { RoundtableState, AgendaItem } from './roundtable.entity';
export { RegistrationStatus } from './registration.entity';
export { RoundtableModel, QuestionModel } from './roundtable.models';
export { QuestionOrder } from './dto/roundtable.args';
export { RoundtablesError, RoundtablesErrorCode } from './roundtables.errors';
