export * from "./providers";
export * from "./plans";
export * from "./byok";
export * from "./recording-failures";
