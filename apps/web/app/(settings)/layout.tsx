import type { ReactNode } from "react";
import { requireSessionForCurrentPath } from "~/lib/session/require-session";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requireSessionForCurrentPath("/settings");
  return children;
}
