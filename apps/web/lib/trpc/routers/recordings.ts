import { createTRPCRouter } from "~/lib/trpc/trpc";
import { deleteRecording } from "~/lib/trpc/routers/recordings/delete-recording";
import { getRecording } from "~/lib/trpc/routers/recordings/get-recording";
import { listRecordings } from "~/lib/trpc/routers/recordings/list-recordings";
import { retryRecording } from "~/lib/trpc/routers/recordings/retry-recording";

// Uploads are not a procedure: they stream to disk through app/api/recordings/route.ts.
export const recordingsRouter = createTRPCRouter({
  list: listRecordings,
  get: getRecording,
  delete: deleteRecording,
  retry: retryRecording,
});
