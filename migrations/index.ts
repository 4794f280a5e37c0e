// Every migration, in order. `npm run migration:generate -- Name` rewrites this list.
import { Accounts1764000000000 } from './1764000000000-Accounts';
import { AccountCare1764100000000 } from './1764100000000-AccountCare';
import { Notifications1764200000000 } from './1764200000000-Notifications';
import { Members1764300000000 } from './1764300000000-Members';
import { Search1764400000000 } from './1764400000000-Search';
import { Roundtables1764600000000 } from './1764600000000-Roundtables';

export const MIGRATIONS = [
  Accounts1764000000000,
  AccountCare1764100000000,
  Notifications1764200000000,
  Members1764300000000,
  Search1764400000000,
  Roundtables1764600000000,
];
