import { handleBillingWebhook } from "~/lib/billing/handle-webhook";

export const dynamic = "force-dynamic";

export { handleBillingWebhook as POST };
