export * from "./audio-sniff";
export * from "./upload-limits";
