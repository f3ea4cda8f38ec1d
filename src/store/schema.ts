import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Every table carries tenant_id: one installation serves many organisations (an external DPO
 * firm's clients). For `tenants` itself the tenant_id is the primary key.
 */
export const tenants = pgTable(
  "tenants",
  {
    tenantId: uuid("tenant_id").primaryKey().default(sql`gen_random_uuid()`),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    jurisdiction: text("jurisdiction").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Head of the audit chain, updated with each append, so deleting the last entries shows too. */
    auditSeq: bigint("audit_seq", { mode: "number" }).notNull().default(0),
    auditHash: text("audit_hash"),
    /** Head of the consent ledger's chain, for the same reason. */
    consentSeq: bigint("consent_seq", { mode: "number" }).notNull().default(0),
    consentHash: text("consent_hash"),
    /** HMAC key for links the organisation sends (one-click unsubscribe, preference centre); made on first use. */
    signingKey: text("signing_key"),
  },
  (t) => [uniqueIndex("tenants_slug_key").on(t.slug)],
);

/** Each applied manifest is a policy version; consent and notices point at the version they were given under. */
export const policyVersions = pgTable(
  "policy_versions",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.tenantId),
    version: integer("version").notNull(),
    contentHash: text("content_hash").notNull(),
    source: text("source").notNull(),
    sourceFile: text("source_file").notNull(),
    manifest: jsonb("manifest").notNull(),
    lintErrors: integer("lint_errors").notNull(),
    lintWarnings: integer("lint_warnings").notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }).notNull(),
    appliedBy: text("applied_by").notNull(),
  },
  // Not unique by content: going back to an earlier policy is a new version with the old hash.
  (t) => [primaryKey({ columns: [t.tenantId, t.version] }), index("policy_versions_hash_idx").on(t.tenantId, t.contentHash)],
);

/** Findings of the scheduled lint, so the dashboard shows what is wrong today (the law and the date move). */
export const lintFindings = pgTable(
  "lint_findings",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.tenantId),
    version: integer("version").notNull(),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
    findings: jsonb("findings").notNull(),
    errors: integer("errors").notNull(),
    warnings: integer("warnings").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.version] })],
);

/** Append-only, hash-chained per tenant: each row's hash covers the previous row's hash. */
export const auditEvents = pgTable(
  "audit_events",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.tenantId),
    seq: bigint("seq", { mode: "number" }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    details: jsonb("details").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.seq] }), index("audit_events_entity_idx").on(t.tenantId, t.entity, t.entityId)],
);

/**
 * The consent ledger (Art. 7(1) proof): append-only, hash-chained per tenant, one row per
 * decision (never per page view). The IP is stored truncated; the full address never reaches the table.
 */
export const consentRecords = pgTable(
  "consent_records",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.tenantId),
    seq: bigint("seq", { mode: "number" }).notNull(),
    consentId: text("consent_id").notNull(),
    subjectRef: text("subject_ref"),
    purpose: text("purpose").notNull(),
    decision: text("decision").notNull(),
    legalBasis: text("legal_basis").notNull(),
    policyVersion: integer("policy_version").notNull(),
    textHash: text("text_hash").notNull(),
    language: text("language").notNull(),
    jurisdiction: text("jurisdiction").notNull(),
    method: text("method").notNull(),
    collectedBy: text("collected_by"),
    guardian: text("guardian"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }),
    ipTruncated: text("ip_truncated"),
    userAgent: text("user_agent"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.seq] }), index("consent_records_subject_idx").on(t.tenantId, t.consentId, t.seq)],
);

/** Latest decision per subject and purpose, written in the ledger's transaction: the fast lookup. */
export const consentState = pgTable(
  "consent_state",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.tenantId),
    consentId: text("consent_id").notNull(),
    purpose: text("purpose").notNull(),
    decision: text("decision").notNull(),
    policyVersion: integer("policy_version").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.consentId, t.purpose] }),
    // The expiry sweep reads only consents still given that have an end date.
    index("consent_state_expiry_idx").on(t.validUntil).where(sql`decision = 'given' and valid_until is not null`),
  ],
);

/**
 * API keys per organisation. Only sha256 of the secret is kept; the full key is shown once, at
 * creation. A revoked key stays as a row (revoked_at set) so the audit trail can name it.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.tenantId),
    keyId: text("key_id").notNull(),
    name: text("name").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.keyId] }), uniqueIndex("api_keys_key_id_key").on(t.keyId)],
);

/** Where an organisation wants to hear about changes (consent given or withdrawn, policy applied). */
export const webhooks = pgTable(
  "webhooks",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.tenantId),
    webhookId: text("webhook_id").notNull(),
    url: text("url").notNull(),
    /** Signs each delivery (HMAC-SHA256); shown once at creation, needed in clear to sign. */
    secret: text("secret").notNull(),
    events: text("events").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.webhookId] })],
);

/**
 * The outbox: a delivery is written in the same transaction as the change it reports, so no
 * change is lost and none is announced that did not commit. Workers take due rows with SKIP LOCKED.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.tenantId),
    deliveryId: uuid("delivery_id").primaryKey().default(sql`gen_random_uuid()`),
    webhookId: text("webhook_id").notNull(),
    event: text("event").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index("webhook_deliveries_webhook_idx").on(t.tenantId, t.webhookId, t.createdAt),
  ],
);

/**
 * The DPO's registers (breaches, impact assessments, ...): one document per entry, validated by the
 * register's zod schema in its domain module, with the columns dashboards sort and filter on.
 */
export const registerEntries = pgTable(
  "register_entries",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.tenantId),
    register: text("register").notNull(),
    entryId: text("entry_id").notNull(),
    status: text("status").notNull(),
    data: jsonb("data").notNull(),
    /** The next date that matters: a breach's 72-hour deadline, an assessment's review. */
    dueAt: timestamp("due_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    /** Optimistic concurrency: an update names the revision it read. */
    revision: integer("revision").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.register, t.entryId] }), index("register_entries_due_idx").on(t.tenantId, t.register, t.dueAt)],
);

/** What happened to an entry over time (a notification sent, a decision taken), oldest first. */
export const registerEvents = pgTable(
  "register_events",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.tenantId),
    register: text("register").notNull(),
    entryId: text("entry_id").notNull(),
    seq: integer("seq").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actor: text("actor").notNull(),
    kind: text("kind").notNull(),
    data: jsonb("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.register, t.entryId, t.seq] })],
);

/**
 * Staff accounts are the installation's, not one organisation's: an external DPO firm's people
 * work for many client organisations, each through a grant. So these tables have no tenant_id;
 * what a user may see is decided by `staff_grants`, which has one.
 */
export const staffUsers = pgTable(
  "staff_users",
  {
    userId: uuid("user_id").primaryKey().default(sql`gen_random_uuid()`),
    /** Lower-cased. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull(),
    /** Set when an administrator resets the password: the next login must choose a new one. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last TOTP time step accepted, so a code cannot be used twice. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** May create users and grant them on any organisation (the installation's operator). */
    installationAdmin: boolean("installation_admin").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("staff_users_email_key").on(t.email)],
);

/** Which organisations a user works for, and as what (admin, dpo, agent, auditor). */
export const staffGrants = pgTable(
  "staff_grants",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.tenantId),
    userId: uuid("user_id")
      .notNull()
      .references(() => staffUsers.userId),
    role: text("role").notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull(),
    grantedBy: text("granted_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), index("staff_grants_user_idx").on(t.userId)],
);

/** Only a hash of the session id is kept: a copy of the table does not log anyone in. */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    sessionHash: text("session_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => staffUsers.userId),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** When the second factor was given; null while the session waits for it. */
    mfaAt: timestamp("mfa_at", { withTimezone: true }),
    ipTruncated: text("ip_truncated"),
    userAgent: text("user_agent"),
  },
  (t) => [index("staff_sessions_user_idx").on(t.userId)],
);

/** Earlier password hashes, so a change can refuse one used before (S1-07 "no reuse"). */
export const staffPasswordHistory = pgTable(
  "staff_password_history",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => staffUsers.userId),
    passwordHash: text("password_hash").notNull(),
    setAt: timestamp("set_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.setAt] })],
);
