import { parse, serialize } from "cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { NewSession } from "../staff/index.ts";

export const SESSION_COOKIE = "registru_session";

/** The session token from the request's Cookie header, or undefined. */
export function readSessionCookie(req: FastifyRequest): string | undefined {
  const header = req.headers.cookie;
  return typeof header === "string" ? parse(header)[SESSION_COOKIE] : undefined;
}

// Secure on https only: browsers drop a Secure cookie sent over plain http to anything but localhost.
const attributes = (req: FastifyRequest) => ({ httpOnly: true, sameSite: "strict" as const, path: "/", secure: req.protocol === "https" });

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, session: Pick<NewSession, "token" | "expiresAt">): void {
  reply.header("set-cookie", serialize(SESSION_COOKIE, session.token, { ...attributes(req), expires: session.expiresAt }));
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.header("set-cookie", serialize(SESSION_COOKIE, "", { ...attributes(req), expires: new Date(0) }));
}
