import { describe, expect, it } from "vitest";
import {
  CLIENT_IP_HEADER,
  applyClientAddress,
  parseTrustedProxies,
  resolveClientAddress,
} from "~/lib/server/client-address";

const PROXY = new Set(["127.0.0.1"]);

describe("the client's address (server.ts)", () => {
  it("is the socket's peer when that peer is not a trusted proxy, whatever the headers claim", () => {
    expect(resolveClientAddress("198.51.100.7", "203.0.113.1", PROXY)).toEqual({
      ip: "198.51.100.7",
      viaTrustedProxy: false,
    });
    expect(resolveClientAddress("::ffff:198.51.100.7", undefined, new Set())).toEqual({
      ip: "198.51.100.7",
      viaTrustedProxy: false,
    });
  });

  it("behind a trusted proxy is the rightmost address no trusted proxy vouches for", () => {
    expect(resolveClientAddress("::ffff:127.0.0.1", "203.0.113.1", PROXY).ip).toBe("203.0.113.1");
    // The client's own X-Forwarded-For entries are further left and never chosen.
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 203.0.113.1", PROXY).ip).toBe("203.0.113.1");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.1, 127.0.0.1", PROXY).ip).toBe("203.0.113.1");
    expect(resolveClientAddress("127.0.0.1", "not an address", PROXY).ip).toBe("127.0.0.1");
  });

  it("removes forwarded headers from untrusted peers and always sets its own client address", () => {
    const forged: Record<string, string | undefined> = {
      "x-forwarded-for": "203.0.113.1",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "evil.example",
      forwarded: "for=203.0.113.1;proto=https",
      "x-real-ip": "203.0.113.1",
      [CLIENT_IP_HEADER]: "203.0.113.1",
    };
    applyClientAddress(forged, "198.51.100.7", PROXY);
    expect(forged).toEqual({ [CLIENT_IP_HEADER]: "198.51.100.7" });

    const proxied: Record<string, string | undefined> = {
      "x-forwarded-for": "203.0.113.1",
      "x-forwarded-proto": "https",
      [CLIENT_IP_HEADER]: "1.2.3.4",
    };
    applyClientAddress(proxied, "127.0.0.1", PROXY);
    expect(proxied).toEqual({
      "x-forwarded-for": "203.0.113.1",
      "x-forwarded-proto": "https",
      [CLIENT_IP_HEADER]: "203.0.113.1",
    });
  });

  it("reads TRUSTED_PROXIES as addresses, ignoring anything else", () => {
    expect([...parseTrustedProxies(" 127.0.0.1, ::1 ,10.0.0.0/8, nonsense,")]).toEqual(["127.0.0.1", "::1"]);
    expect(parseTrustedProxies(undefined).size).toBe(0);
  });
});
