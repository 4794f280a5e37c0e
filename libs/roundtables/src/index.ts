export { RoundtablesModule } from './roundtables.module';
