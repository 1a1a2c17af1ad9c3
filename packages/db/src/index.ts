export { createDatabase, pingDatabase, type Database, type DatabaseOptions, type Db } from "./client";
export * from "./recording";
export * from "./accounts";
export * from "./recordings";
export * as schema from "./schema";
