import { createTRPCRouter } from "~/lib/trpc/trpc";
import { createRecording } from "~/lib/trpc/routers/recordings/create-recording";
import { getRecording } from "~/lib/trpc/routers/recordings/get-recording";
import { listRecordings } from "~/lib/trpc/routers/recordings/list-recordings";

export const recordingsRouter = createTRPCRouter({
  create: createRecording,
  list: listRecordings,
  get: getRecording,
});
