ALTER TABLE "provider_calls" ADD COLUMN "audio_seconds" numeric(12, 3);--> statement-breakpoint
ALTER TABLE "provider_calls" ADD COLUMN "input_tokens" integer;--> statement-breakpoint
ALTER TABLE "provider_calls" ADD COLUMN "output_tokens" integer;--> statement-breakpoint
ALTER TABLE "provider_calls" ADD COLUMN "estimated_cost_usd" numeric(20, 10);--> statement-breakpoint
ALTER TABLE "provider_calls" ADD COLUMN "prices_taken_on" date;--> statement-breakpoint
ALTER TABLE "provider_calls" ADD COLUMN "provider_request_id" text;