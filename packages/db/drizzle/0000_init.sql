CREATE TYPE "public"."audio_type" AS ENUM('wav', 'mp3', 'm4a', 'webm', 'ogg', 'flac');--> statement-breakpoint
CREATE TYPE "public"."byok_policy" AS ENUM('fallback', 'byok_only');--> statement-breakpoint
CREATE TYPE "public"."key_source" AS ENUM('byok', 'server');--> statement-breakpoint
CREATE TYPE "public"."plan" AS ENUM('free', 'start', 'pro', 'business');--> statement-breakpoint
CREATE TYPE "public"."recording_status" AS ENUM('queued', 'processing', 'completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."stage" AS ENUM('stt', 'analysis');--> statement-breakpoint
CREATE TYPE "public"."stage_status" AS ENUM('pending', 'processing', 'completed', 'failed');--> statement-breakpoint
CREATE TABLE "provider_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"recording_id" text,
	"stage" "stage" NOT NULL,
	"run" integer NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"tier" smallint NOT NULL,
	"key_source" "key_source" NOT NULL,
	"fallback_reason" text,
	"outcome" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recording_stages" (
	"recording_id" text NOT NULL,
	"stage" "stage" NOT NULL,
	"status" "stage_status" DEFAULT 'pending' NOT NULL,
	"progress" smallint DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error_reason" text,
	"error_message" text,
	"provider" text,
	"model" text,
	"tier" smallint,
	"key_source" "key_source",
	"fallback_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recording_stages_recording_id_stage_pk" PRIMARY KEY("recording_id","stage")
);
--> statement-breakpoint
CREATE TABLE "recordings" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"file_name" text NOT NULL,
	"audio_type" "audio_type" NOT NULL,
	"size_bytes" integer NOT NULL,
	"stored_path" text,
	"byok_ref" text,
	"run" integer DEFAULT 1 NOT NULL,
	"status" "recording_status" DEFAULT 'queued' NOT NULL,
	"transcript" text,
	"analysis" jsonb,
	"failure_reason" text,
	"failure_message" text,
	"dispatched_at" timestamp with time zone,
	"dispatch_attempts" integer DEFAULT 0 NOT NULL,
	"file_deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"plan" "plan" DEFAULT 'free' NOT NULL,
	"byok_policy" "byok_policy" DEFAULT 'fallback' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "provider_calls" ADD CONSTRAINT "provider_calls_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_calls" ADD CONSTRAINT "provider_calls_recording_id_recordings_id_fk" FOREIGN KEY ("recording_id") REFERENCES "public"."recordings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recording_stages" ADD CONSTRAINT "recording_stages_recording_id_recordings_id_fk" FOREIGN KEY ("recording_id") REFERENCES "public"."recordings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recordings" ADD CONSTRAINT "recordings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "provider_calls_user_created_idx" ON "provider_calls" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "provider_calls_recording_idx" ON "provider_calls" USING btree ("recording_id");--> statement-breakpoint
CREATE INDEX "recordings_user_created_idx" ON "recordings" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "recordings_live_idx" ON "recordings" USING btree ("updated_at") WHERE "recordings"."status" in ('queued', 'processing');--> statement-breakpoint
CREATE INDEX "recordings_file_created_idx" ON "recordings" USING btree ("created_at") WHERE "recordings"."stored_path" is not null;