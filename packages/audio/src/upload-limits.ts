/** The largest recording a user may upload: OpenAI's transcription limit, the tightest provider's. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
