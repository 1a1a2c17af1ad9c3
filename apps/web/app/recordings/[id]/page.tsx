import { notFound } from "next/navigation";
import { recordingIdSchema } from "@byok/pipeline";
import { RecordingDetail } from "~/components/recordings/recording-detail";

export const metadata = { title: "Recording" };

export default async function RecordingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!recordingIdSchema.safeParse(id).success) notFound();
  return <RecordingDetail id={id} />;
}
