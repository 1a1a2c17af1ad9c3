export * from "./provider-order";
export * from "./failure-moves";
export * from "./route-stage";
export * from "./simulate-route";
export * from "./key-health";
export * from "./stage-coverage";
