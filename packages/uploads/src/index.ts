export * from "./upload-storage";
export * from "./upload-sweep";
export * from "./recording-id";
