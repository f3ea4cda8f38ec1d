import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { signingKey } from "../consent/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { getOrganisation } from "../organisations/index.ts";

/** How long a package link works (and the file is kept): a week. */
export const PACKAGE_TTL_MS = 7 * 86_400_000;

/** Where packages live (`REGISTRU_PACKAGES_DIR`, shared by the workers that write and the servers that serve) and the address links point at. */
export interface PackageStore {
  dir: string;
  publicUrl: string;
}

const MAGIC = Buffer.from("RGP1");
const REQUEST_ID = /^request-\d{4}-\d{3,}$/;

/** Two keys from the organisation's signing key: one encrypts the files at rest, one signs the links. */
async function keys(ctx: Context, tenantId: string) {
  const root = await signingKey(ctx.db, tenantId);
  const derive = (label: string) => createHmac("sha256", root).update(label).digest();
  return { encryption: derive("registru package encryption"), links: derive("registru package link") };
}

const fileOf = (store: PackageStore, tenantId: string, requestId: string) => join(store.dir, tenantId, `${requestId}.zip.enc`);

/**
 * Writes a request's package encrypted (AES-256-GCM, the tenant and request bound in as
 * associated data, so a file moved to another name does not open), and returns its link. Writing
 * again (a resumed execution) replaces the file; the write is atomic (temporary file, rename).
 */
export async function storePackage(ctx: Context, store: PackageStore, slug: string, requestId: string, zip: Buffer): Promise<{ url: string; expiresAt: string; bytes: number }> {
  const { tenant } = await getOrganisation(ctx, slug);
  const k = await keys(ctx, tenant.tenantId);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k.encryption, iv);
  cipher.setAAD(Buffer.from(`${tenant.tenantId}/${requestId}`));
  const body = Buffer.concat([cipher.update(zip), cipher.final()]);
  const file = fileOf(store, tenant.tenantId, requestId);
  await mkdir(join(store.dir, tenant.tenantId), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(temporary, Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]), { mode: 0o600 });
  await rename(temporary, file);
  const expiresAt = new Date(ctx.clock.now().getTime() + PACKAGE_TTL_MS);
  const token = sign(k.links, requestId, expiresAt);
  return { url: `${store.publicUrl.replace(/\/$/, "")}/o/${slug}/packages/${token}`, expiresAt: expiresAt.toISOString(), bytes: zip.length };
}

const mac = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest().subarray(0, 20);

function sign(key: Buffer, requestId: string, expiresAt: Date): string {
  const payload = Buffer.from(JSON.stringify([requestId, Math.floor(expiresAt.getTime() / 1000)])).toString("base64url");
  return `${payload}.${mac(key, payload).toString("base64url")}`;
}

function read(key: Buffer, token: string): { requestId: string; expiresAt: Date } {
  const invalid = new RegistruError("package_not_found", "this link is not valid", 404);
  const [payload, sig] = token.split(".");
  if (!payload || !sig) throw invalid;
  const given = Buffer.from(sig, "base64url");
  const expected = mac(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== "string" || !REQUEST_ID.test(parsed[0]) || typeof parsed[1] !== "number") throw invalid;
  return { requestId: parsed[0], expiresAt: new Date(parsed[1] * 1000) };
}

/**
 * The package a link points at, decrypted. A forged link is 404; an expired one is 410 (and the
 * file, if still there, is removed: the link is the only way to it).
 */
export async function openPackage(ctx: Context, store: PackageStore, slug: string, token: string): Promise<{ requestId: string; zip: Buffer }> {
  const { tenant } = await getOrganisation(ctx, slug);
  const k = await keys(ctx, tenant.tenantId);
  const { requestId, expiresAt } = read(k.links, token);
  const file = fileOf(store, tenant.tenantId, requestId);
  if (expiresAt.getTime() <= ctx.clock.now().getTime()) {
    await rm(file, { force: true });
    throw new RegistruError("package_expired", "this link has expired; ask the organisation for a new copy", 410);
  }
  const data = await readFile(file).catch(() => {
    throw new RegistruError("package_not_found", "this package is no longer available", 404);
  });
  if (!data.subarray(0, 4).equals(MAGIC)) throw new RegistruError("package_unreadable", "the package file is damaged", 500);
  const decipher = createDecipheriv("aes-256-gcm", k.encryption, data.subarray(4, 16));
  decipher.setAAD(Buffer.from(`${tenant.tenantId}/${requestId}`));
  decipher.setAuthTag(data.subarray(16, 32));
  try {
    return { requestId, zip: Buffer.concat([decipher.update(data.subarray(32)), decipher.final()]) };
  } catch {
    throw new RegistruError("package_unreadable", "the package file is damaged", 500);
  }
}

/** Removes package files older than their links' life; returns how many. Run by the worker's sweep. */
export async function pruneExpiredPackages(store: PackageStore, now: Date): Promise<number> {
  let removed = 0;
  const tenants = await readdir(store.dir).catch(() => [] as string[]);
  for (const tenant of tenants) {
    const dir = join(store.dir, tenant);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const file = join(dir, name);
      const s = await stat(file).catch(() => undefined);
      if (s?.isFile() && now.getTime() - s.mtimeMs > PACKAGE_TTL_MS) {
        await rm(file, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
