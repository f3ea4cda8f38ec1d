import type { Logger } from "pino";
import type { Clock } from "./clock.ts";
import type { Db } from "./store/index.ts";

/** What every domain function receives: the database, the clock and a logger (never given personal data). */
export interface Context {
  db: Db;
  clock: Clock;
  log: Logger;
}
