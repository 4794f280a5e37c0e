// Every migration, in order. `npm run migration:generate -- Name` rewrites this list.
import { Accounts1764000000000 } from './1764000000000-Accounts';
import { AccountCare1764100000000 } from './1764100000000-AccountCare';
import { Notifications1764200000000 } from './1764200000000-Notifications';
import { Members1764300000000 } from './1764300000000-Members';
import { Search1764400000000 } from './1764400000000-Search';
import { Discussions1764500000000 } from './1764500000000-Discussions';
import { DiscussionsEngagement1764550000000 } from './1764550000000-DiscussionsEngagement';
import { Roundtables1764600000000 } from './1764600000000-Roundtables';
import { LiveRoom1764700000000 } from './1764700000000-LiveRoom';
import { LiveRoomActivities1764750000000 } from './1764750000000-LiveRoomActivities';
import { Moderation1764800000000 } from './1764800000000-Moderation';
import { Archive1764900000000 } from './1764900000000-Archive';

export const MIGRATIONS = [
  Accounts1764000000000,
  AccountCare1764100000000,
  Notifications1764200000000,
  Members1764300000000,
  Search1764400000000,
  Discussions1764500000000,
  DiscussionsEngagement1764550000000,
  Roundtables1764600000000,
  LiveRoom1764700000000,
  LiveRoomActivities1764750000000,
  Moderation1764800000000,
  Archive1764900000000,
];
