import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServerDeps } from "../server.ts";

export const healthRoutes =
  ({ database, version }: ServerDeps): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      "/health",
      {
        schema: {
          summary: "Liveness and database reachability",
          tags: ["system"],
          response: { 200: z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]), version: z.string() }) },
        },
      },
      async () => {
        await database.executeSql("select 1");
        return { status: "ok" as const, database: database.kind, version };
      },
    );
  };
