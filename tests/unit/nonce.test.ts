// CSP nonces (app/http/http-policy.server.ts): cut from a pool of random bytes refilled every 256
// nonces. Across several refills every nonce is new and carries 16 bytes.
import { describe, expect, it } from "vitest";
import { newNonce } from "~/http/http-policy.server";

describe("CSP nonces", () => {
  it("are 16 random bytes in base64, never twice the same across pool refills", () => {
    const nonces = Array.from({ length: 1000 }, () => newNonce()); // the pool is refilled 3 or 4 times
    expect(new Set(nonces).size).toBe(1000);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
    // Not a counter or a repeated block: the bytes vary at every position.
    const bytes = nonces.map((n) => Buffer.from(n, "base64"));
    for (let i = 0; i < 16; i++) expect(new Set(bytes.map((b) => b[i])).size).toBeGreaterThan(100);
  });
});
