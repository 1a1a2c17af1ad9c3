export function Spinner({ label }: { label?: string }) {
  return (
    <>
      <span className="ui-spinner" aria-hidden="true" />
      {label ? <span className="ui-sr-only">{label}</span> : null}
    </>
  );
}
