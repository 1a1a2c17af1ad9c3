import { createTRPCRouter } from "~/lib/trpc/trpc";
import { byokStatus } from "~/lib/trpc/routers/user/byok-status";
import { cacheByokKeys } from "~/lib/trpc/routers/user/cache-byok-keys";
import { clearByokKeys } from "~/lib/trpc/routers/user/clear-byok-keys";
import { keyHealth } from "~/lib/trpc/routers/user/key-health";
import { me } from "~/lib/trpc/routers/user/me";
import { ping } from "~/lib/trpc/routers/user/ping";
import { resetKeyHealth } from "~/lib/trpc/routers/user/reset-key-health";
import { setByokPolicy } from "~/lib/trpc/routers/user/set-byok-policy";
import { setProviderOrder } from "~/lib/trpc/routers/user/set-provider-order";
import { testByokKey } from "~/lib/trpc/routers/user/test-byok-key";

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
