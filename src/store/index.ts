export { openDatabase } from "./database.ts";
export type { Database, DatabaseOptions, Db, ExecuteSql } from "./database.ts";
export * as tables from "./schema.ts";
export { preparedPerDb } from "./prepared.ts";
export { currentTenantScope, outsideTenantScope, withTenantScope } from "./tenant-scope.ts";
export { listenOn } from "./listen.ts";
export type { ChannelHandlers, Listening } from "./listen.ts";
