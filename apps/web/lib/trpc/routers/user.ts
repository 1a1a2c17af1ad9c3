import { createTRPCRouter } from "~/lib/trpc/trpc";
import { byokStatus } from "~/lib/trpc/routers/user/byok-status";
import { cacheByokKeys } from "~/lib/trpc/routers/user/cache-byok-keys";
import { clearByokKeys } from "~/lib/trpc/routers/user/clear-byok-keys";
import { me } from "~/lib/trpc/routers/user/me";
import { ping } from "~/lib/trpc/routers/user/ping";
import { setByokPolicy } from "~/lib/trpc/routers/user/set-byok-policy";
import { testByokKey } from "~/lib/trpc/routers/user/test-byok-key";

export const userRouter = createTRPCRouter({
  me,
  setByokPolicy,
  testByokKey,
  cacheByokKeys,
  clearByokKeys,
  byokStatus,
  ping,
});
