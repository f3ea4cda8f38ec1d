export { buildRopa } from "./ropa.ts";
export type { Ropa } from "./ropa.ts";
export { renderRopaCsv, renderRopaPdf, renderRopaXlsx } from "./ropa-render.ts";
