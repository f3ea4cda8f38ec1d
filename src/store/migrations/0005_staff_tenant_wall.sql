CREATE TABLE "staff_grants" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"granted_by" text NOT NULL,
	CONSTRAINT "staff_grants_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "staff_password_history" (
	"user_id" uuid NOT NULL,
	"password_hash" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "staff_password_history_user_id_set_at_pk" PRIMARY KEY("user_id","set_at")
);
--> statement-breakpoint
CREATE TABLE "staff_sessions" (
	"session_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"mfa_at" timestamp with time zone,
	"ip_truncated" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"user_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"password_changed_at" timestamp with time zone NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"totp_secret" text,
	"totp_enabled_at" timestamp with time zone,
	"totp_last_step" bigint,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"installation_admin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "staff_grants" ADD CONSTRAINT "staff_grants_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_grants" ADD CONSTRAINT "staff_grants_user_id_staff_users_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_password_history" ADD CONSTRAINT "staff_password_history_user_id_staff_users_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_user_id_staff_users_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_grants_user_idx" ON "staff_grants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "staff_sessions_user_idx" ON "staff_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_email_key" ON "staff_users" USING btree ("email");--> statement-breakpoint
-- The tenant wall (row-level security), a second check behind the application's. A request made
-- for an organisation's staff or API key runs as the role registru_staff with registru.tenants
-- set to the organisations it may see (src/store/tenant-scope.ts); rows of any other tenant are
-- invisible to it and cannot be written. The owner (migrations, workers) is not walled.
DO $$
BEGIN
  -- The role is the cluster's: databases migrating at the same time may race to create it.
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'registru_staff') THEN
    BEGIN
      CREATE ROLE registru_staff NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
  IF NOT pg_has_role(current_user, 'registru_staff', 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT registru_staff TO %I', current_user);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
END $$;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO registru_staff;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO registru_staff;
--> statement-breakpoint
-- Sessions and password hashes are read before a request is walled, by the owner only.
REVOKE ALL ON staff_sessions, staff_password_history FROM registru_staff;
--> statement-breakpoint
-- The audit trail and the consent ledger are append-only: a request can add to them, never change them.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, consent_records FROM registru_staff;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT c.table_name FROM information_schema.columns c
            JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
           WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_wall ON %I TO registru_staff USING (tenant_id = ANY (string_to_array(current_setting(''registru.tenants'', true), '','')::uuid[])) WITH CHECK (tenant_id = ANY (string_to_array(current_setting(''registru.tenants'', true), '','')::uuid[]))',
      t);
  END LOOP;
END $$;
--> statement-breakpoint
-- A user is visible to the wall only through a grant on one of the organisations in scope, and
-- then only what may be shown: accounts are changed by the owner, never by a walled request.
REVOKE ALL ON staff_users FROM registru_staff;
--> statement-breakpoint
GRANT SELECT (user_id, email, name, installation_admin, totp_enabled_at, must_change_password, password_changed_at, locked_until, disabled_at, created_at) ON staff_users TO registru_staff;
--> statement-breakpoint
ALTER TABLE staff_users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_wall ON staff_users TO registru_staff USING (EXISTS (SELECT 1 FROM staff_grants g WHERE g.user_id = staff_users.user_id));
