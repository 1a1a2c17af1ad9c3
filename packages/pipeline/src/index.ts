export * from "./queues";
export * from "./job-schema";
export * from "./audio-sniff";
export * from "./recording";
export * from "./recording-id";
export * from "./recording-store";
export * from "./upload-storage";
export * from "./enqueue";
