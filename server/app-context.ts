import type { Config } from './config.js';
import type { KindCache } from './modules/matters/kinds.repo.js';
import type { OrgDirectory } from './modules/org/org.repo.js';
import type { CalendarService } from './platform/calendar/calendar-service.js';
import type { Database } from './platform/db/database.js';
import type { Vault } from './platform/vault.js';

/** What every module gets: the database, the personal-data vault, the clock, the calendar and the cached directories. */
export type AppContext = {
  db: Database;
  vault: Vault;
  /** The current time; tests pass a clock they control. */
  clock: () => Date;
  calendar: CalendarService;
  org: OrgDirectory;
  kinds: KindCache;
  rateLimits: Config['rateLimits'];
  /** The portal's public address, for links in text messages. */
  publicBaseUrl: string;
};
