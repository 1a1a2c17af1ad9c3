/** What the upload endpoint answers with: the same error shape as the tRPC API. */
export class UploadRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "UploadRequestError";
  }
}

export class UploadCancelledError extends Error {
  constructor() {
    super("The upload was cancelled.");
    this.name = "UploadCancelledError";
  }
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Sends one recording to POST /api/recordings. XMLHttpRequest, not fetch: only it reports upload
 * progress. `byokRef` goes first so the server knows it before the file's bytes arrive.
 */
export function uploadRecording(
  file: File,
  { byokRef, onProgress, signal }: { byokRef?: string; onProgress?: (p: UploadProgress) => void; signal?: AbortSignal },
): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UploadCancelledError());
    const form = new FormData();
    if (byokRef) form.append("byokRef", byokRef);
    form.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/recordings");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      const body = xhr.response as {
        recording?: { id: string };
        error?: { message?: string; data?: { code?: string } };
      } | null;
      if (xhr.status === 201 && body?.recording) return resolve({ id: body.recording.id });
      reject(
        new UploadRequestError(
          body?.error?.message ?? "The upload failed.",
          body?.error?.data?.code ?? "UNKNOWN",
          xhr.status,
        ),
      );
    };
    xhr.onerror = () => reject(new TypeError("The server could not be reached."));
    xhr.onabort = () => reject(new UploadCancelledError());
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
