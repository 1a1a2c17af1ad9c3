ALTER TABLE "recording_stages" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "recording_stages" ADD COLUMN "lease_until" timestamp with time zone;