export default function HomePage() {
  return (
    <main>
      <h1>Audio Insights</h1>
    </main>
  );
}
