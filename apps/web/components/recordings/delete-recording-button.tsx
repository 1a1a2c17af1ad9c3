"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { describeCallError } from "~/components/ui/describe-call-error";
import { StatusMessage } from "~/components/ui/status-message";
import { useTRPC } from "~/lib/trpc/client";

/** Deletes a recording with its file, transcript and analysis, after the user confirms. */
export function DeleteRecordingButton({
  id,
  fileName,
  onDeleted,
}: {
  id: string;
  fileName: string;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.recordings.delete.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        queryClient.removeQueries({ queryKey: trpc.recordings.get.queryKey({ id }) });
        await queryClient.invalidateQueries({ queryKey: trpc.recordings.list.queryKey() });
        onDeleted();
      },
    }),
  );
  return (
    <>
      <button type="button" className="ui-button ui-button-danger" onClick={() => setOpen(true)}>
        Delete recording
      </button>
      {remove.isError ? (
        <StatusMessage tone="error">
          {describeCallError(remove.error, "The recording could not be deleted.")}
        </StatusMessage>
      ) : null}
      <ConfirmDialog
        open={open}
        title={`Delete “${fileName}”?`}
        confirmLabel="Delete recording"
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate({ id })}
        onCancel={() => setOpen(false)}
      >
        <p>
          The audio file, the transcript and the analysis are deleted for good. What the provider calls cost stays in
          your usage.
        </p>
      </ConfirmDialog>
    </>
  );
}
