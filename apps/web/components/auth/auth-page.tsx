import type { ReactNode } from "react";

/** A screen of its own for an auth step: a narrow column, its title, a line of context. */
export function AuthPage({ title, lede, children }: { title: string; lede?: ReactNode; children: ReactNode }) {
  return (
    <div className="ui-page">
      <div className="ui-container-narrow ui-stack">
        <h1>{title}</h1>
        {lede ? <p className="ui-lede">{lede}</p> : null}
        {children}
      </div>
    </div>
  );
}
