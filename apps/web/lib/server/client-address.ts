import { isIP } from "node:net";

/**
 * Set by our HTTP server (server.ts) on every request, after removing any copy the client sent:
 * the address of the socket's peer, or, when that peer is a configured proxy, the client address
 * the proxy reports. Route handlers cannot see the socket; they read this header.
 */
export const CLIENT_IP_HEADER = "x-byok-client-ip";

/** Headers a client could forge to look like another address, scheme or host. */
export const FORWARDING_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-forwarded-host",
  "x-forwarded-port",
  "x-real-ip",
] as const;

/** `::ffff:127.0.0.1` and `127.0.0.1` are one peer. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return "unknown";
  const trimmed = address.trim();
  return trimmed.startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/** TRUSTED_PROXIES: comma-separated addresses (no ranges: name each proxy). */
export function parseTrustedProxies(value: string | undefined): ReadonlySet<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((s) => normalizeAddress(s))
      .filter((s) => s !== "unknown" && isIP(s) !== 0),
  );
}

export interface ClientAddress {
  ip: string;
  /** The peer is a trusted proxy: its X-Forwarded-* headers stand. */
  viaTrustedProxy: boolean;
}

/**
 * The client's address. A peer that is not a trusted proxy is the client, whatever its headers
 * say. Behind a trusted proxy, X-Forwarded-For is read right to left, skipping trusted hops: the
 * first address no trusted proxy vouches for is the client (entries further left are the client's
 * own claims).
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: ReadonlySet<string>,
): ClientAddress {
  const peerAddress = normalizeAddress(peer);
  if (!trusted.has(peerAddress)) return { ip: peerAddress, viaTrustedProxy: false };
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((s) => normalizeAddress(s))
    .filter((s) => isIP(s) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!trusted.has(hop)) return { ip: hop, viaTrustedProxy: true };
  }
  return { ip: peerAddress, viaTrustedProxy: true };
}

/**
 * Rewrites Node request headers in place: forwarding headers from an untrusted peer go, and the
 * client address header is always ours.
 */
export function applyClientAddress(
  headers: Record<string, string | string[] | undefined>,
  peer: string | undefined,
  trusted: ReadonlySet<string>,
): ClientAddress {
  const forwardedFor = headers["x-forwarded-for"];
  const client = resolveClientAddress(
    peer,
    Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
    trusted,
  );
  if (!client.viaTrustedProxy) for (const name of FORWARDING_HEADERS) delete headers[name];
  headers[CLIENT_IP_HEADER] = client.ip;
  return client;
}

/** For route handlers. */
export function clientIpOf(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
