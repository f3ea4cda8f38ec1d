import { Writable } from "node:stream";
import type { Clock } from "../../src/clock.ts";
import type { Context } from "../../src/context.ts";
import { createLogger } from "../../src/logger.ts";
import { createSmtpMailer, type Mailer } from "../../src/mail/index.ts";
import { vocabulary } from "../../src/manifest/index.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, loadExample, loadObject } from "../helpers/manifests.ts";
import { codeIn, startSmtp, type TestSmtp } from "../helpers/smtp.ts";

export interface MovableClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function movableClock(start: string): MovableClock {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), set: (iso) => void (t = new Date(iso).getTime()), advance: (ms) => void (t += ms) };
}

export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** S0-01: IMPRO-MEDIA's processor activities are done for each client; two clients, so the client must be named. */
export function improMediaWithClients() {
  const loaded = loadExample("impro-media");
  const m = structuredClone(loaded.manifest) as Record<string, any>;
  m.clients = [
    { id: "univ_vest", name: "Universitatea de Vest", contact: { email: "dpo@univ-vest.example" } },
    { id: "asoc_medici", name: "Asociația Medicilor", contact: { email: "secretariat@medici.example" } },
  ];
  return loadObject(m, "impro-media.yaml");
}

/** S4-09 from the other side: a charging platform that processes for Eldrive under a DPA that says "forward, do not answer". */
export function chargingPlatform() {
  const m = cleanManifest();
  m.organisation.name = "Platforma de Încărcare S.R.L.";
  m.activities.push({
    id: "charging_platform",
    name: { en: "Charging platform operated for clients", ro: "Platforma de încărcare operată pentru clienți" },
    role: "processor",
    controllers: ["eldrive"],
    purpose: { en: "Operate the client's charging network", ro: "Operăm rețeaua de încărcare a clientului" },
    subjects: ["customers"],
    data: ["identity.name", "contact.email"],
    source: "third_party",
  });
  m.clients = [
    {
      id: "eldrive",
      name: "EMOBILITY CHARGING S.R.L.",
      contact: { email: "office@eldrive.ro" },
      dpa: { signed: "2022-05-01", breach_notice_hours: 48, terms: [...vocabulary.dpaTermsRequired, "forward_requests_to_controller"] },
    },
  ];
  return loadObject(m, "platform.yaml");
}

export interface World {
  t: TestDatabase;
  smtp: TestSmtp;
  mailer: Mailer;
  clock: MovableClock;
  logLines: string[];
  ctx(): Context;
  /** The code in the latest verification e-mail to an address. */
  latestCode(email: string): string;
  close(): Promise<void>;
}

const ORGANISATIONS = {
  eldrive: () => loadExample("eldrive"),
  sentosa: () => loadExample("sentosa"),
  registratura: () => loadExample("registratura"),
  promedia: () => loadExample("promedia"),
  "impro-media": improMediaWithClients,
  platform: chargingPlatform,
};
export type Organisation = keyof typeof ORGANISATIONS;

/** A database with the organisations the seeds speak of, a real SMTP server and a clock the test moves. */
export async function openWorld(orgs: Organisation[], start = "2026-11-23T10:00:00Z"): Promise<World> {
  const t = await openTestDatabase();
  const smtp = await startSmtp();
  const clock = movableClock(start);
  const logLines: string[] = [];
  const log = createLogger("info", new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));
  const ctx = (): Context => ({ ...t.ctx(clock), log });
  const mailer = createSmtpMailer({ url: smtp.url, from: "Registru <privacy@registru.test>", log });
  for (const slug of orgs) await applyManifest(ctx(), ORGANISATIONS[slug](), { slug, appliedBy: "test" });
  return {
    t,
    smtp,
    mailer,
    clock,
    logLines,
    ctx,
    latestCode: (email) => codeIn(smtp.to(email).filter((m) => /^\s{4}\d{6}$/m.test(m.text)).at(-1)!),
    close: async () => {
      mailer.close();
      await smtp.close();
      await t.drop();
    },
  };
}
