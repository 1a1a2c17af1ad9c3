import type { Redis } from "ioredis";
import { type RecordingRecord, type Stage, type StageState, pendingStage, recordingRecordSchema } from "./recording";
import { newRecordingId } from "./recording-id";
import type { AudioType } from "./audio-sniff";

export const RECORDING_TTL_SECONDS = 7 * 24 * 3_600;

// Compare-and-set keeps read-modify-write safe when a stalled job is picked up by a second worker.
// KEYS[2..] are deleted in the same atomic step, and only if the write happens (UpdateOptions).
const CAS_LUA = `
if redis.call("GET", KEYS[1]) == ARGV[1] then
  redis.call("SET", KEYS[1], ARGV[2], "KEEPTTL")
  for i = 2, #KEYS do redis.call("DEL", KEYS[i]) end
  return 1
end
return 0`;

interface RecordingRedis extends Redis {
  /** No fixed key count (the keys to delete vary): the count comes first. */
  byokRecordingCompareAndSet(numberOfKeys: number, ...keysThenArgs: string[]): Promise<number>;
}

const MAX_CAS_TRIES = 20;

export interface NewRecording {
  id?: string;
  userId: string;
  fileName: string;
  audioType: AudioType;
  size: number;
  storedPath: string;
}

export type RecordingPatch = Partial<Omit<RecordingRecord, "id" | "userId" | "stages" | "createdAt">> & {
  stages?: Partial<Record<Stage, Partial<StageState>>>;
};

export interface UpdateOptions {
  /**
   * Redis keys to delete atomically with the write, and only if it is written: the last stage drops
   * its BYOK reference this way, so a failed save leaves the keys for the retry, and a saved one
   * costs no second command. Same Redis (not Cluster-safe across slots, like the rest of the layout).
   */
  deleteOnWrite?: readonly string[];
}

export interface RecordingStore {
  create(input: NewRecording): Promise<RecordingRecord>;
  get(id: string): Promise<RecordingRecord | null>;
  list(userId: string, limit?: number): Promise<RecordingRecord[]>;
  /** Applies a patch computed from the current record; returns null when the record is gone. */
  update(
    id: string,
    patch: RecordingPatch | ((current: RecordingRecord) => RecordingPatch),
    options?: UpdateOptions,
  ): Promise<RecordingRecord | null>;
  updateStage(id: string, stage: Stage, patch: Partial<StageState>): Promise<RecordingRecord | null>;
}

function applyPatch(current: RecordingRecord, patch: RecordingPatch): RecordingRecord {
  const { stages, ...rest } = patch;
  return {
    ...current,
    ...rest,
    stages: {
      stt: { ...current.stages.stt, ...stages?.stt },
      analysis: { ...current.stages.analysis, ...stages?.analysis },
    },
    updatedAt: Date.now(),
  };
}

function parseRecord(raw: string | null): RecordingRecord | null {
  if (raw === null) return null;
  const parsed = recordingRecordSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

export function createRecordingStore({ redis, prefix }: { redis: Redis; prefix: string }): RecordingStore {
  // ioredis runs a defined command by SHA1 and loads the script only on NOSCRIPT.
  redis.defineCommand("byokRecordingCompareAndSet", { lua: CAS_LUA });
  const casRedis = redis as RecordingRedis;
  const recordingKey = (id: string) => `${prefix}recording:${id}`;
  const userIndexKey = (userId: string) => `${prefix}recordings:${userId}`;

  async function get(id: string) {
    return parseRecord(await redis.get(recordingKey(id)));
  }

  async function update(
    id: string,
    patch: RecordingPatch | ((current: RecordingRecord) => RecordingPatch),
    { deleteOnWrite = [] }: UpdateOptions = {},
  ) {
    for (let i = 0; i < MAX_CAS_TRIES; i++) {
      const raw = await redis.get(recordingKey(id));
      const current = parseRecord(raw);
      if (raw === null || current === null) return null;
      const next = applyPatch(current, typeof patch === "function" ? patch(current) : patch);
      const serialized = JSON.stringify(recordingRecordSchema.parse(next));
      const ok = await casRedis.byokRecordingCompareAndSet(1 + deleteOnWrite.length, recordingKey(id), ...deleteOnWrite, raw, serialized);
      if (ok === 1) return next;
    }
    throw new Error(`recording ${id} is being updated by too many writers`);
  }

  return {
    async create(input) {
      const now = Date.now();
      const record: RecordingRecord = recordingRecordSchema.parse({
        id: input.id ?? newRecordingId(),
        userId: input.userId,
        fileName: input.fileName,
        audioType: input.audioType,
        size: input.size,
        storedPath: input.storedPath,
        createdAt: now,
        updatedAt: now,
        status: "queued",
        stages: { stt: pendingStage(), analysis: pendingStage() },
        transcript: null,
        analysis: null,
      });
      await redis
        .multi()
        .set(recordingKey(record.id), JSON.stringify(record), "EX", RECORDING_TTL_SECONDS, "NX")
        .zadd(userIndexKey(record.userId), now, record.id)
        .expire(userIndexKey(record.userId), RECORDING_TTL_SECONDS)
        .exec();
      return record;
    },
    get,
    async list(userId, limit = 50) {
      const ids = await redis.zrevrange(userIndexKey(userId), 0, limit - 1);
      if (ids.length === 0) return [];
      const raws = await redis.mget(ids.map(recordingKey));
      return raws.map(parseRecord).filter((r): r is RecordingRecord => r !== null && r.userId === userId);
    },
    update,
    updateStage(id, stage, patch) {
      return update(id, { stages: { [stage]: patch } });
    },
  };
}
