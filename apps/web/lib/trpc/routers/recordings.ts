import { createTRPCRouter } from "../trpc";
import { createRecording } from "./recordings/create-recording";
import { getRecording } from "./recordings/get-recording";
import { listRecordings } from "./recordings/list-recordings";

export const recordingsRouter = createTRPCRouter({
  create: createRecording,
  list: listRecordings,
  get: getRecording,
});
