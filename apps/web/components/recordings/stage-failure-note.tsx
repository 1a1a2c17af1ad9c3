import Link from "next/link";
import type { StageFailureAction, StageFailureDescription } from "~/components/recordings/stage-failure";
import { formatDateTime } from "~/lib/format/date-time";

function ActionText({ action }: { action: StageFailureAction }) {
  switch (action.kind) {
    case "add_credit":
      return (
        <>
          <a href={action.url} target="_blank" rel="noopener noreferrer" data-testid="failure-billing-link">
            Add credit at {action.provider}
          </a>
          , then retry.
        </>
      );
    case "replace_key":
      return (
        <>
          <Link href="/settings/api-keys" data-testid="failure-key-link">
            Replace your {action.provider ? `${action.provider} key` : "key"} in Settings → API Keys
          </Link>
          , then retry.
        </>
      );
    case "add_key":
      return (
        <>
          <Link href="/settings/api-keys" data-testid="failure-key-link">
            Add a key in Settings → API Keys
          </Link>
          , then retry.
        </>
      );
    case "wait":
      return (
        <>
          {action.until === undefined
            ? "Wait a minute, then retry."
            : `Access returns ${formatDateTime(action.until)}; retry after that.`}
        </>
      );
    case "retry":
      return <>Retry it with the button above.</>;
    case "upload_again":
      return <>Upload the file again.</>;
  }
}

/** A failed stage: what happened, naming the provider and whose key, and what to do about it. */
export function StageFailureNote({
  description,
  testId,
  ended,
}: {
  description: StageFailureDescription;
  testId: string;
  ended: boolean;
}) {
  return (
    <p className="ui-small ui-alert ui-alert-error">
      <span data-testid={`${testId}-error`}>{description.text}</span>
      {/* While the stage is still being retried within its run, there is nothing to do yet. */}
      {ended ? (
        <>
          {" "}
          <span data-testid={`${testId}-action`} data-action={description.action.kind}>
            <ActionText action={description.action} />
          </span>
        </>
      ) : null}
    </p>
  );
}
