import type { IncomingMessage } from "node:http";

/** What a provider handler answers; the server writes it and records the call. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `contentType` says otherwise. */
  body: unknown;
  contentType?: string;
}

/**
 * Reads the whole body, keeping at most `limit` bytes. An oversized body is still drained, so the
 * client gets the provider's 413-style answer rather than a reset connection.
 */
export async function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<{ body: Buffer; received: number; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received <= limit) chunks.push(chunk);
  }
  return { body: received <= limit ? Buffer.concat(chunks) : Buffer.alloc(0), received, tooLarge: received > limit };
}

export type JsonObject = Record<string, unknown>;

export function parseJsonObject(raw: Buffer): JsonObject | null {
  try {
    const value: unknown = JSON.parse(raw.toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4.startsWith("127.") || address === "::1";
}
