export { createDatabase, pingDatabase, type Database, type DatabaseOptions, type Db } from "./client";
export * from "./recording";
export * from "./accounts";
export * from "./recordings";
export * from "./key-health";
export * from "./usage";
export * as schema from "./schema";
