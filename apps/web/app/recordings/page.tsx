export const metadata = { title: "Recordings" };

export default function RecordingsPage() {
  return (
    <section className="ui-section ui-empty">Choose a recording to see its transcript, analysis and who paid.</section>
  );
}
