export * from "./queues";
export * from "./job-schema";
export * from "./enqueue";
export * from "./dispatch";
export * from "./health";
