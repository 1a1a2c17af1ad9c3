import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/lib/trpc/root";

type UserOutputs = inferRouterOutputs<AppRouter>["user"];

/** One provider's key health as the server sends it: the router's own output type. */
export type KeyHealthView = UserOutputs["keyHealth"][number];
export type AccountView = UserOutputs["me"];
export type TestByokKeyOutput = UserOutputs["testByokKey"];
