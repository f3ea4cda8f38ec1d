import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../../src/clock.ts";

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** Checked the way the README tells receivers to, with node:crypto only (not Registru's code). */
  signatureValid: boolean;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Secrets by webhook id, as a receiver would keep them. */
  secrets: Map<string, string>;
  /** The status to answer for the n-th request (1-based) carrying this delivery id. */
  respond: (deliveryId: string, n: number) => number;
  delayMs: number;
  close(): Promise<void>;
}

/** A real HTTP receiver on a free port of 127.0.0.1. */
export async function startReceiver(clock: Clock): Promise<Receiver> {
  const seen = new Map<string, number>();
  const receiver: Receiver = {
    url: "",
    requests: [],
    secrets: new Map(),
    respond: () => 200,
    delayMs: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const secret = receiver.secrets.get(String(req.headers["registru-webhook-id"]));
      receiver.requests.push({ headers: req.headers, body, signatureValid: secret !== undefined && verify(secret, req.headers["registru-signature"], body, clock.now()) });
      const deliveryId = String(req.headers["registru-delivery"]);
      const n = (seen.get(deliveryId) ?? 0) + 1;
      seen.set(deliveryId, n);
      setTimeout(() => res.writeHead(receiver.respond(deliveryId, n), { "content-type": "text/plain" }).end("a body Registru must not store"), receiver.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/registru`;
  return receiver;
}

/** The receiver's side of the scheme, as in the README: t and v1 from the header, HMAC over "<t>.<body>", 5 minutes' tolerance. */
function verify(secret: string, header: string | string[] | undefined, body: string, now: Date): boolean {
  if (typeof header !== "string") return false;
  const fields = new Map(header.split(",").map((kv) => kv.split("=") as [string, string]));
  const t = Number(fields.get("t"));
  const v1 = fields.get("v1") ?? "";
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return Math.abs(now.getTime() / 1000 - t) <= 300 && v1.length === expected.length && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}

/** A clock the test moves by hand, to step through the retry schedule. */
export function movableClock(start: string) {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advance(seconds: number) {
      at += seconds * 1000;
    },
  };
}
