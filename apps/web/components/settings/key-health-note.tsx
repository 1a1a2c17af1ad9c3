import type { KeyHealthDescription } from "~/components/settings/describe-key-health";

/** A key's state in words, and what to do about it, with the provider's page as a link. */
export function KeyHealthNote({ description }: { description: KeyHealthDescription }) {
  const { message, action } = description;
  if (!action) return <>{message}</>;
  return (
    <>
      {message} {action.text}
      {action.url ? (
        <>
          {" "}
          <a href={action.url} target="_blank" rel="noopener noreferrer">
            {action.url}
          </a>
          .
        </>
      ) : null}
    </>
  );
}
