import type { KeyHealthDescription } from "~/components/settings/describe-key-health";

/**
 * A key's state in words, and what to do about it: the provider's page as a link, and where the
 * screen can act on it (`onRetry`, the card's Test), a "Retry now" button.
 */
export function KeyHealthNote({
  description,
  onRetry,
}: {
  description: Pick<KeyHealthDescription, "message" | "action">;
  onRetry?: () => void;
}) {
  const { message, action } = description;
  if (!action) return <>{message}</>;
  if (action.kind === "retry_now" && onRetry) {
    return (
      <>
        {message}{" "}
        <button type="button" className="ui-button ui-button-link" onClick={onRetry}>
          Retry now
        </button>
      </>
    );
  }
  return (
    <>
      {message} {action.text}
      {action.link ? (
        <>
          {" "}
          <a href={action.link.url} target="_blank" rel="noopener noreferrer">
            {action.link.label}
          </a>
          .
        </>
      ) : null}
    </>
  );
}
