CREATE TYPE "public"."key_health_source" AS ENUM('key_test', 'pipeline');--> statement-breakpoint
CREATE TABLE "key_health" (
	"user_id" text NOT NULL,
	"provider" text NOT NULL,
	"outcome" text,
	"source" "key_health_source",
	"observed_at" timestamp with time zone,
	"retry_at" timestamp with time zone,
	"reset_at" timestamp with time zone,
	CONSTRAINT "key_health_user_id_provider_pk" PRIMARY KEY("user_id","provider")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "provider_order" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "key_health" ADD CONSTRAINT "key_health_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;