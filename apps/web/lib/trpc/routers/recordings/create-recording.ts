import {
  MAX_UPLOAD_BYTES,
  displayFileName,
  enqueueRecording,
  newRecordingId,
  sniffAudioType,
  storeUpload,
} from "@byok/pipeline";
import { byokRefSchema } from "@byok/types";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure } from "~/lib/trpc/trpc";
import {
  ALLOWED_FIELDS,
  BAD_REF_MESSAGE,
  MISSING_FILE_MESSAGE,
  TOO_LARGE_MESSAGE,
  UNKNOWN_REF_MESSAGE,
  UNSUPPORTED_AUDIO_MESSAGE,
} from "~/lib/trpc/routers/recordings/create-recording.types";
import { pipelineFor } from "~/lib/trpc/routers/recordings/pipeline-services";
import { toRecordingView } from "~/lib/trpc/routers/recordings/recording-view";

const bad = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });

export const createRecording = protectedProcedure
  .meta({ formData: true })
  // The route handler has already refused a body over the upload limit (lib/trpc/handler.ts).
  .input(z.instanceof(FormData, { message: "Send the recording as multipart/form-data." }))
  .mutation(async ({ ctx, input }) => {
    for (const field of input.keys()) if (!ALLOWED_FIELDS.has(field)) throw bad(`Unexpected field “${field.slice(0, 40)}”.`);
    const file = input.get("file");
    if (!(file instanceof Blob)) throw bad(MISSING_FILE_MESSAGE);
    if (file.size > MAX_UPLOAD_BYTES) throw new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: TOO_LARGE_MESSAGE });
    if (file.size === 0) throw bad("The file is empty.");

    const rawRef = input.get("byokRef");
    let byokRef: string | undefined;
    if (rawRef !== null && rawRef !== "") {
      const parsed = byokRefSchema.safeParse(rawRef);
      if (!parsed.success) throw bad(BAD_REF_MESSAGE);
      // A ref lives under its owner's id, so another user's ref is simply not found.
      if (!(await ctx.services.byokCache.peek(ctx.session.userId, parsed.data))) throw bad(UNKNOWN_REF_MESSAGE);
      byokRef = parsed.data;
    }

    const data = new Uint8Array(await file.arrayBuffer());
    const audioType = sniffAudioType(data);
    if (!audioType) throw bad(UNSUPPORTED_AUDIO_MESSAGE);

    const { recordings, flowProducer, recordingsDir } = pipelineFor(ctx.services);
    const recordingId = newRecordingId();
    const storedPath = await storeUpload({ dir: recordingsDir, recordingId, audioType, data });
    const fileName = displayFileName(file instanceof File ? file.name : "");
    const record = await recordings.create({ id: recordingId, userId: ctx.session.userId, fileName, audioType, size: data.byteLength, storedPath });
    try {
      await enqueueRecording({ flowProducer, recordingId, userId: ctx.session.userId, byokRef });
    } catch (err) {
      await recordings.update(recordingId, { status: "failed", stages: { stt: { status: "failed", error: { reason: "internal_error", message: "The recording could not be queued." } } } });
      throw err;
    }
    ctx.log.info({ recordingId, audioType, size: data.byteLength, byok: Boolean(byokRef) }, "recording queued");
    return toRecordingView(record);
  });
