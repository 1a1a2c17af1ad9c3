import { createTRPCRouter } from "../trpc";
import { byokStatus } from "./user/byok-status";
import { cacheByokKeys } from "./user/cache-byok-keys";
import { clearByokKeys } from "./user/clear-byok-keys";
import { me } from "./user/me";
import { ping } from "./user/ping";
import { setByokPolicy } from "./user/set-byok-policy";
import { testByokKey } from "./user/test-byok-key";

export const userRouter = createTRPCRouter({
  me,
  setByokPolicy,
  testByokKey,
  cacheByokKeys,
  clearByokKeys,
  byokStatus,
  ping,
});
