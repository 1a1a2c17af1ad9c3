import { AUDIO_TYPES } from "@byok/audio";
import { BYOK_POLICIES, KEY_HEALTH_SOURCES, KEY_SOURCES, PLANS } from "@byok/types";
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

// Failure reasons stay text: the set grows with the providers' account states, and a new reason
// must not need an enum migration before the code that writes it can ship.

export const planEnum = pgEnum("plan", PLANS);
export const byokPolicyEnum = pgEnum("byok_policy", BYOK_POLICIES);
export const audioTypeEnum = pgEnum("audio_type", AUDIO_TYPES);
export const recordingStatusEnum = pgEnum("recording_status", ["queued", "processing", "completed", "failed"]);
export const stageEnum = pgEnum("stage", ["stt", "analysis"]);
export const stageStatusEnum = pgEnum("stage_status", ["pending", "processing", "completed", "failed"]);
export const keySourceEnum = pgEnum("key_source", KEY_SOURCES);
export const keyHealthSourceEnum = pgEnum("key_health_source", KEY_HEALTH_SOURCES);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
};

/**
 * One row per person. The column names follow the authentication library's user model, so its
 * adapter can use this table as is; plan and policy are ours and only the server changes them.
 */
export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull().default(""),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  plan: planEnum("plan").notNull().default("free"),
  byokPolicy: byokPolicyEnum("byok_policy").notNull().default("fallback"),
  /**
   * The order the user's keys are tried in (docs/billing.md); empty means the default order.
   * Provider ids as text, so a provider added to the registry needs no migration.
   */
  providerOrder: text("provider_order")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  ...timestamps,
});

/**
 * The authentication library's sessions: one row per signed-in browser. The cookie holds a signed
 * copy of `token`; deleting the row (sign-out, a password reset, an operator) ends the session on
 * the next request, wherever the cookie is.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    ...timestamps,
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * How a user proves who they are, in the authentication library's account model. Only the
 * `credential` provider is used: `password` is its scrypt hash, never the password.
 */
export const authAccounts = pgTable(
  "auth_accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true, mode: "date" }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true, mode: "date" }),
    scope: text("scope"),
    password: text("password"),
    ...timestamps,
  },
  (t) => [index("auth_accounts_user_idx").on(t.userId)],
);

/** One-time tokens: e-mail verification, password reset, passkey challenges. */
export const verifications = pgTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    ...timestamps,
  },
  (t) => [index("verifications_identifier_idx").on(t.identifier)],
);

/** WebAuthn credentials: the public key and its signature counter, nothing a server could sign with. */
export const passkeys = pgTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    name: text("name"),
    publicKey: text("public_key").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    credentialID: text("credential_id").notNull(),
    counter: integer("counter").notNull(),
    deviceType: text("device_type").notNull(),
    backedUp: boolean("backed_up").notNull(),
    transports: text("transports"),
    aaguid: text("aaguid"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).defaultNow(),
  },
  (t) => [index("passkeys_user_idx").on(t.userId), index("passkeys_credential_idx").on(t.credentialID)],
);

/**
 * Billing events already applied, by the payment provider's event id: a delivery that repeats
 * (retries, replays) finds its id here and changes nothing.
 */
export const billingEvents = pgTable("billing_events", {
  id: text("id").primaryKey(),
  userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
  plan: planEnum("plan").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const recordings = pgTable(
  "recordings",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    audioType: audioTypeEnum("audio_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** null once retention (or deletion) removed the file. */
    storedPath: text("stored_path"),
    /**
     * The opaque reference to the user's cached keys in Redis: 32 random bytes, derived from no
     * key. Kept so a re-dispatched run can look for the same entry, and cleared once it is deleted.
     */
    byokRef: text("byok_ref"),
    /** Each dispatch of the pipeline is a run; job ids carry it, so a retried recording gets new jobs. */
    run: integer("run").notNull().default(1),
    status: recordingStatusEnum("status").notNull().default("queued"),
    transcript: text("transcript"),
    analysis: jsonb("analysis").$type<{ summary: string; keyPoints: string[] }>(),
    /** A failure of the recording as a whole that no stage owns (stalled jobs, lost queues). */
    failureReason: text("failure_reason"),
    failureMessage: text("failure_message"),
    /** The outbox: null until the run's jobs are in the queue. */
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true, mode: "date" }),
    dispatchAttempts: integer("dispatch_attempts").notNull().default(0),
    fileDeletedAt: timestamp("file_deleted_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    index("recordings_user_created_idx").on(t.userId, t.createdAt.desc()),
    index("recordings_live_idx")
      .on(t.updatedAt)
      .where(sql`${t.status} in ('queued', 'processing')`),
    index("recordings_file_created_idx")
      .on(t.createdAt)
      .where(sql`${t.storedPath} is not null`),
  ],
);

export const recordingStages = pgTable(
  "recording_stages",
  {
    recordingId: text("recording_id")
      .notNull()
      .references(() => recordings.id, { onDelete: "cascade" }),
    stage: stageEnum("stage").notNull(),
    status: stageStatusEnum("status").notNull().default("pending"),
    progress: smallint("progress").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    errorReason: text("error_reason"),
    errorMessage: text("error_message"),
    // Who paid for the call that produced this stage's result.
    provider: text("provider"),
    model: text("model"),
    tier: smallint("tier"),
    keySource: keySourceEnum("key_source"),
    fallbackReason: text("fallback_reason"),
    // The run of a job that may be calling a provider for this stage now (its BullMQ token), and
    // until when: another run of the same job waits for it rather than paying for a second answer.
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.recordingId, t.stage] })],
);

/**
 * Every provider call the pipeline made, whoever paid for it. Rows outlive their recording (the
 * recording id is nulled on delete): what was spent stays spent.
 */
export const providerCalls = pgTable(
  "provider_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    recordingId: text("recording_id").references(() => recordings.id, { onDelete: "set null" }),
    stage: stageEnum("stage").notNull(),
    run: integer("run").notNull(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    tier: smallint("tier").notNull(),
    keySource: keySourceEnum("key_source").notNull(),
    fallbackReason: text("fallback_reason"),
    /** "ok", or the failure reason. */
    outcome: text("outcome").notNull(),
    /**
     * Units the provider reported for the call (its usage fields), null where it reported none:
     * a failed call is usually unbilled, and the ledger does not guess.
     */
    audioSeconds: numeric("audio_seconds", { precision: 12, scale: 3, mode: "number" }),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    /**
     * The estimate from the registry's dated price table (docs/billing.md, "Usage ledger"), in USD;
     * `prices_taken_on` names the table, so an estimate can be re-derived when prices change.
     */
    estimatedCostUsd: numeric("estimated_cost_usd", { precision: 20, scale: 10, mode: "number" }),
    pricesTakenOn: date("prices_taken_on", { mode: "string" }),
    /** The provider's id for the request (a response header or body field), where it gives one. */
    providerRequestId: text("provider_request_id"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("provider_calls_user_created_idx").on(t.userId, t.createdAt),
    index("provider_calls_recording_idx").on(t.recordingId),
  ],
);

/**
 * What the last key test or pipeline call with a user's key for a provider learnt: "ok", or the
 * failure reason, and when. Nothing here comes from the key itself (no hint, no fingerprint): the
 * row is about the user's key for the provider, whichever key that is. Saving, replacing or
 * deleting the key in the vault resets the row (outcome null, `reset_at` now); a pipeline
 * observation of keys cached before that reset is ignored (docs/billing.md, "Key health").
 */
export const keyHealth = pgTable(
  "key_health",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    /** "ok", or the failure reason; null after a reset until the key is used or tested again. */
    outcome: text("outcome"),
    source: keyHealthSourceEnum("source"),
    observedAt: timestamp("observed_at", { withTimezone: true, mode: "date" }),
    /** When the provider said access returns (a usage limit's date, a rate limit's retry-after). */
    retryAt: timestamp("retry_at", { withTimezone: true, mode: "date" }),
    resetAt: timestamp("reset_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.provider] })],
);
