// Every migration, in order. `npm run migration:generate -- Name` rewrites this list.
import { Accounts1764000000000 } from './1764000000000-Accounts';
import { AccountCare1764100000000 } from './1764100000000-AccountCare';

export const MIGRATIONS = [Accounts1764000000000, AccountCare1764100000000];
