// The reference for the page-weight benchmark (bench/lighthouse-bench.ts): an empty app on the same
// Next.js version, built and audited in the same run as ours.
export const metadata = { title: "Empty Next.js app" };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
