import { createTRPCRouter } from "../trpc";
import { byokStatus } from "./user/byok-status";
import { cacheByokKeys } from "./user/cache-byok-keys";
import { clearByokKeys } from "./user/clear-byok-keys";
import { keyHealth } from "./user/key-health";
import { me } from "./user/me";
import { ping } from "./user/ping";
import { resetKeyHealth } from "./user/reset-key-health";
import { setByokPolicy } from "./user/set-byok-policy";
import { setProviderOrder } from "./user/set-provider-order";
import { testByokKey } from "./user/test-byok-key";

export const userRouter = createTRPCRouter({
  me,
  setByokPolicy,
  setProviderOrder,
  keyHealth,
  resetKeyHealth,
  testByokKey,
  cacheByokKeys,
  clearByokKeys,
  byokStatus,
  ping,
});
