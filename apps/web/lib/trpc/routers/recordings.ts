import { createTRPCRouter } from "../trpc";
import { deleteRecording } from "./recordings/delete-recording";
import { getRecording } from "./recordings/get-recording";
import { listRecordings } from "./recordings/list-recordings";

// Uploads are not a procedure: they stream to disk through app/api/recordings/route.ts.
export const recordingsRouter = createTRPCRouter({
  list: listRecordings,
  get: getRecording,
  delete: deleteRecording,
});
