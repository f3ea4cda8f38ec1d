CREATE TABLE "register_entries" (
	"tenant_id" uuid NOT NULL,
	"register" text NOT NULL,
	"entry_id" text NOT NULL,
	"status" text NOT NULL,
	"data" jsonb NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "register_entries_tenant_id_register_entry_id_pk" PRIMARY KEY("tenant_id","register","entry_id")
);
--> statement-breakpoint
CREATE TABLE "register_events" (
	"tenant_id" uuid NOT NULL,
	"register" text NOT NULL,
	"entry_id" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "register_events_tenant_id_register_entry_id_seq_pk" PRIMARY KEY("tenant_id","register","entry_id","seq")
);
--> statement-breakpoint
ALTER TABLE "register_entries" ADD CONSTRAINT "register_entries_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_events" ADD CONSTRAINT "register_events_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "register_entries_due_idx" ON "register_entries" USING btree ("tenant_id","register","due_at");