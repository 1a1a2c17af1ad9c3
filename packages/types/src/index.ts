export * from "./provider-descriptor";
export * from "./providers";
export * from "./plans";
export * from "./failure-reasons";
export * from "./byok";
export * from "./recording-failures";
export * from "./routing";
export * from "./estimate-cost";
