import pg from "pg";

/** Counts the statements sent to PostgreSQL while `fn` runs (every one goes through a pg client's query). */
export async function statementsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  const sent: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { text?: string; name?: string };
    sent.push(typeof q === "string" ? q : (q.text ?? q.name ?? "?"));
    return query.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = query;
  }
  return sent;
}
