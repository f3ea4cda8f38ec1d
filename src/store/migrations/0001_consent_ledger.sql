CREATE TABLE "consent_records" (
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"consent_id" text NOT NULL,
	"subject_ref" text,
	"purpose" text NOT NULL,
	"decision" text NOT NULL,
	"legal_basis" text NOT NULL,
	"policy_version" integer NOT NULL,
	"text_hash" text NOT NULL,
	"language" text NOT NULL,
	"jurisdiction" text NOT NULL,
	"method" text NOT NULL,
	"collected_by" text,
	"guardian" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"ip_truncated" text,
	"user_agent" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "consent_records_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq")
);
--> statement-breakpoint
CREATE TABLE "consent_state" (
	"tenant_id" uuid NOT NULL,
	"consent_id" text NOT NULL,
	"purpose" text NOT NULL,
	"decision" text NOT NULL,
	"policy_version" integer NOT NULL,
	"seq" bigint NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	CONSTRAINT "consent_state_tenant_id_consent_id_purpose_pk" PRIMARY KEY("tenant_id","consent_id","purpose")
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "consent_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "consent_hash" text;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_state" ADD CONSTRAINT "consent_state_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_records_subject_idx" ON "consent_records" USING btree ("tenant_id","consent_id","seq");