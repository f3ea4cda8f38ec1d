export { buildRopa } from "./ropa.ts";
export type { Ropa } from "./ropa.ts";
export { renderRopaCsv, renderRopaPdf, renderRopaXlsx } from "./ropa-render.ts";
export { sheetName } from "../documents/table-export.ts";
export type { RopaCsvOptions } from "./ropa-render.ts";
export { citeIn, ropaText } from "./ropa-text.ts";
export type { RopaText } from "./ropa-text.ts";
export { createEntry, entryEvents, getEntry, insertEntryIfAbsent, listEntries, recordEvent, updateEntry, type RegisterEvent, type RegisterKind, type StoredEntry } from "./entries.ts";
