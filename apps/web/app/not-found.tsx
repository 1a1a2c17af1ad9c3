import Link from "next/link";

export const metadata = { title: "Page not found" };

/** Our own, instead of Next's built-in page: that one sets inline styles, which our CSP refuses. */
export default function NotFound() {
  return (
    <div className="ui-page">
      <div className="ui-container">
        <h1>Page not found</h1>
        <p className="ui-lede">
          There is nothing at this address. <Link href="/">Go to the home page</Link>
        </p>
      </div>
    </div>
  );
}
