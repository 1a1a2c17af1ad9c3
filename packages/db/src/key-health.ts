import {
  type KeyHealthOutcome,
  type KeyHealthSource,
  type Provider,
  isProvider,
  keyHealthOutcomeSchema,
} from "@byok/types";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "./client";
import { keyHealth } from "./schema";

/** The last known state of a user's key for one provider. */
export interface KeyHealthRecord {
  provider: Provider;
  outcome: KeyHealthOutcome;
  source: KeyHealthSource;
  /** ms epoch */
  observedAt: number;
  /** ms epoch: when the provider said access returns; null when it named no time. */
  retryAt: number | null;
}

export interface KeyHealthObservation {
  userId: string;
  source: KeyHealthSource;
  /**
   * When the keys observed left the vault: the request time for a key test, the recording's
   * creation for a pipeline call. An observation of keys from before the provider's last reset
   * (the user saved, replaced or deleted that key since) is ignored.
   */
  keysFrom: Date;
  observedAt: Date;
  outcomes: readonly { provider: Provider; outcome: KeyHealthOutcome; retryAt?: number | null | undefined }[];
}

type KeyHealthRow = typeof keyHealth.$inferSelect;

/** A user's stored key health as a stage reads it before its calls (resets included). */
export type StoredKeyHealth = Pick<KeyHealthRow, "provider" | "outcome" | "source" | "observedAt" | "resetAt">;

/**
 * An outcome the row already holds, learnt the same way less than this long ago, is not written
 * again: a busy user's every call would otherwise rewrite the same row (docs/billing.md, "Key health").
 */
export const KEY_HEALTH_REFRESH_MS = 10_000;

/** The part of an observation that would change what is stored: new outcomes, stale times, and nothing a reset has voided. */
export function newsOnly(stored: readonly StoredKeyHealth[], observation: KeyHealthObservation): KeyHealthObservation {
  const byProvider = new Map(stored.map((s) => [s.provider, s]));
  const outcomes = observation.outcomes.filter((o) => {
    const s = byProvider.get(o.provider);
    if (!s) return true;
    if (s.resetAt && s.resetAt >= observation.keysFrom) return false;
    return (
      s.outcome !== o.outcome ||
      s.source !== observation.source ||
      !s.observedAt ||
      observation.observedAt.getTime() - s.observedAt.getTime() >= KEY_HEALTH_REFRESH_MS
    );
  });
  return { ...observation, outcomes };
}

function toRecord(row: KeyHealthRow): KeyHealthRecord | null {
  const outcome = keyHealthOutcomeSchema.safeParse(row.outcome);
  // A provider gone from the registry, or a reason this code does not know, is not shown.
  if (!outcome.success || !isProvider(row.provider) || !row.source || !row.observedAt) return null;
  return {
    provider: row.provider,
    outcome: outcome.data,
    source: row.source,
    observedAt: row.observedAt.getTime(),
    retryAt: row.retryAt?.getTime() ?? null,
  };
}

export function createKeyHealthRepository(db: Db) {
  return {
    async list(userId: string): Promise<KeyHealthRecord[]> {
      const rows = await db
        .select()
        .from(keyHealth)
        .where(and(eq(keyHealth.userId, userId), isNotNull(keyHealth.outcome)));
      return rows.flatMap((r) => toRecord(r) ?? []);
    },

    /**
     * Keeps each provider's latest outcome, in one statement. A row changes only when this
     * observation is not older than the stored one and its keys are not older than the last reset.
     */
    async record(observation: KeyHealthObservation): Promise<void> {
      // One row per provider: ON CONFLICT may not touch the same row twice in one statement.
      const latest = new Map(observation.outcomes.map((o) => [o.provider, o]));
      if (latest.size === 0) return;
      const values = [...latest.values()].map((o) => ({
        userId: observation.userId,
        provider: o.provider,
        outcome: o.outcome,
        source: observation.source,
        observedAt: observation.observedAt,
        retryAt: o.retryAt ? new Date(o.retryAt) : null,
      }));
      await db
        .insert(keyHealth)
        .values(values)
        .onConflictDoUpdate({
          target: [keyHealth.userId, keyHealth.provider],
          set: {
            outcome: sql`excluded.outcome`,
            source: sql`excluded.source`,
            observedAt: sql`excluded.observed_at`,
            retryAt: sql`excluded.retry_at`,
          },
          setWhere: sql`(${keyHealth.resetAt} is null or ${keyHealth.resetAt} < ${observation.keysFrom.toISOString()}::timestamptz)
            and (${keyHealth.observedAt} is null or ${keyHealth.observedAt} <= excluded.observed_at)`,
        });
    },

    /** The user saved, replaced or deleted these providers' keys: what was known about the old ones no longer applies. */
    async reset(userId: string, providers: readonly Provider[]): Promise<void> {
      if (providers.length === 0) return;
      const now = new Date();
      await db
        .insert(keyHealth)
        .values(providers.map((provider) => ({ userId, provider, resetAt: now })))
        .onConflictDoUpdate({
          target: [keyHealth.userId, keyHealth.provider],
          set: { outcome: null, source: null, observedAt: null, retryAt: null, resetAt: now },
        });
    },
  };
}

export type KeyHealthRepository = ReturnType<typeof createKeyHealthRepository>;
