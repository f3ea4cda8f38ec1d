import type { Db } from "./database.ts";

/**
 * A query built and named once per database handle, then only executed: for the reads every API
 * request makes, where building the SQL costs more than running it. A transaction is a different
 * handle, so inside one the query is built again (still correct, only not saved).
 */
export function preparedPerDb<P>(build: (db: Db) => P): (db: Db) => P {
  const byDb = new WeakMap<Db, P>();
  return (db) => {
    let p = byDb.get(db);
    if (!p) byDb.set(db, (p = build(db)));
    return p;
  };
}
