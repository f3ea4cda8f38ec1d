import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { RegistruError } from "../../errors.ts";
import { SLUG } from "../../organisations/index.ts";
import { addStaff, changeRole, listStaff, resetPassword, resetTotp, revokeGrant, roleAllows, ROLES, unlockUser, type StaffActor, type StaffMember } from "../../staff/index.ts";
import { actorOf, guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";

const slugParams = z.object({ slug: z.string().regex(SLUG) });
const userParams = slugParams.extend({ userId: z.uuid() });

const member = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  grantedAt: z.string(),
  grantedBy: z.string(),
  installationAdmin: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: z.string(),
  lockedUntil: z.string().nullable(),
  disabled: z.boolean(),
});
const temporaryPassword = z.string().describe("shown once: hand it to the user, who must change it at first login");
const addBody = z.strictObject({
  email: z.email().max(254),
  name: z.string().min(1).max(200).optional().describe("needed when the e-mail has no account yet"),
  role: z.enum(ROLES),
});
const patchBody = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    unlock: z.literal(true).optional().describe("lift a lockout before its time"),
    resetTotp: z.literal(true).optional().describe("remove the second factor (a lost phone); the user enrols again"),
    resetPassword: z.literal(true).optional().describe("a new one-time password; the user's sessions end"),
  })
  .refine((b) => Object.keys(b).length > 0, "name at least one change");

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const tags = ["staff"];
const security = [{ session: [] }];

type Listed = StaffMember & { role: (typeof ROLES)[number]; grantedAt: Date; grantedBy: string };
const toJson = (m: Listed): z.infer<typeof member> => ({
  userId: m.userId,
  email: m.email,
  name: m.name,
  role: m.role,
  grantedAt: m.grantedAt.toISOString(),
  grantedBy: m.grantedBy,
  installationAdmin: m.installationAdmin,
  totpEnabled: m.totpEnabled,
  mustChangePassword: m.mustChangePassword,
  passwordChangedAt: m.passwordChangedAt.toISOString(),
  lockedUntil: m.lockedUntil?.toISOString() ?? null,
  disabled: m.disabled,
});

/** The request's staff user as the staff module sees an actor; API keys never get here (no manage_staff). */
function actorFrom(req: FastifyRequest): StaffActor {
  const p = req.principal;
  if (p?.kind !== "staff") throw new RegistruError("forbidden", "only a staff account can manage staff", 403);
  return {
    name: actorOf(req),
    installationAdmin: p.staff.installationAdmin,
    manages: p.staff.grants.filter((g) => roleAllows(g.role, "manage_staff")).map((g) => g.tenantId),
  };
}

/** Who works for an organisation and as what: the organisation's admins grant, change and revoke (manage_staff). */
export const staffRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    guardRoutes(plain, ctx, { permission: "manage_staff" });
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const base = "/api/v1/organisations/:slug/staff";
    const memberOn = async (slug: string, userId: string) => {
      const found = (await listStaff(ctx, slug)).find((m) => m.userId === userId);
      if (!found) throw new RegistruError("staff_user_not_found", "no such staff user on this organisation", 404);
      return toJson(found);
    };

    app.get(
      base,
      { schema: { summary: "The staff users granted on the organisation, with their role (no password or secret)", tags, security, params: slugParams, response: { 200: z.object({ staff: z.array(member) }), ...errors } } },
      async (req) => ({ staff: (await listStaff(ctx, req.params.slug)).map(toJson) }),
    );

    app.post(
      base,
      {
        schema: {
          summary: "Grant a user on the organisation: a new account with a one-time password, or an existing account by e-mail",
          description: "201 with temporaryPassword when the account is new (name is then required); 201 without it when an existing account was granted. 409 already_granted.",
          tags,
          security,
          params: slugParams,
          body: addBody,
          response: { 201: z.object({ user: member, created: z.boolean(), temporaryPassword: temporaryPassword.optional() }), ...errors },
        },
      },
      async (req, reply) => {
        const added = await addStaff(ctx, { ...req.body, slug: req.params.slug }, actorFrom(req), { existing: "grant" });
        const user = await memberOn(req.params.slug, added.member.userId);
        return reply.status(201).send({ user, created: added.created, ...(added.temporaryPassword && { temporaryPassword: added.temporaryPassword }) });
      },
    );

    app.patch(
      `${base}/:userId`,
      {
        schema: {
          summary: "Change a user's role, unlock them, reset their second factor or their password",
          description:
            "A role change and an unlock touch this organisation only; resetting the password or the second factor touches the whole account, so an organisation's admin may do it only for users who work for no organisation they do not manage (403 account_shared). 409 last_admin: the organisation's only admin keeps the role.",
          tags,
          security,
          params: userParams,
          body: patchBody,
          response: { 200: z.object({ user: member, temporaryPassword: temporaryPassword.optional() }), ...errors },
        },
      },
      async (req) => {
        const { slug, userId } = req.params;
        const actor = actorFrom(req);
        const ref = { userId };
        if (req.body.role) await changeRole(ctx, slug, ref, req.body.role, actor);
        if (req.body.unlock) await unlockUser(ctx, ref, actor, { slug });
        if (req.body.resetTotp) await resetTotp(ctx, ref, actor, { slug });
        const reset = req.body.resetPassword ? await resetPassword(ctx, ref, actor, { slug }) : undefined;
        return { user: await memberOn(slug, userId), ...(reset && { temporaryPassword: reset.temporaryPassword }) };
      },
    );

    app.delete(
      `${base}/:userId`,
      {
        schema: {
          summary: "Revoke the user's grant on the organisation; their account and other grants stay",
          description: "409 last_admin: the organisation's only admin cannot be removed.",
          tags,
          security,
          params: userParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await revokeGrant(ctx, req.params.slug, { userId: req.params.userId }, actorFrom(req));
        return reply.status(204).send(null);
      },
    );
  };
