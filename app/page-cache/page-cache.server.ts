// The shared cache of public responses kept by server.mjs (ADR 004, ADR 020). A route opts in with
// `Cache-Control: public, …, s-maxage=N`; an entry is served to requests without cookies while the
// version of what its page shows (pageVersion, page-versions.server.ts) is the one it was rendered
// at, and for at most min(N, 60) seconds, which bounds time-dependent labels (« Terminée »).
// The clock is injected so that expiry can be tested without waiting.

export const PAGE_CACHE_TTL_CAP_S = 60;

export type CachedPage = {
  status: number;
  headers: Record<string, string | string[] | number>;
  body: Buffer;
  /** Gzipped body, made at the first request that accepts gzip. */
  gz: Buffer | null;
  version: string;
  expires: number;
};

/** Seconds a response may be kept (0: not at all): public, no cookie set, 200, s-maxage (or max-age) capped at 60. */
export function sharedMaxAge(response: Pick<Response, "headers" | "status">): number {
  const cc = response.headers.get("cache-control") ?? "";
  if (!/\bpublic\b/.test(cc) || response.headers.has("set-cookie") || response.status !== 200) return 0;
  const m = /s-maxage=(\d+)/.exec(cc) ?? /max-age=(\d+)/.exec(cc);
  return m ? Math.min(Number(m[1]), PAGE_CACHE_TTL_CAP_S) : 0;
}

export function createPageCache({ max = 500, now = Date.now }: { max?: number; now?: () => number } = {}) {
  const entries = new Map<string, CachedPage>();
  return {
    /** The entry for `key` if it was rendered at `version` and has not expired. */
    lookup(key: string, version: string): CachedPage | null {
      const entry = entries.get(key);
      if (!entry) return null;
      if (entry.version === version && entry.expires > now()) return entry;
      entries.delete(key);
      return null;
    },
    store(key: string, entry: Omit<CachedPage, "expires" | "gz">, ttlSeconds: number): CachedPage {
      const stored = { ...entry, gz: null, expires: now() + ttlSeconds * 1000 };
      entries.delete(key);
      if (entries.size >= max) entries.delete(entries.keys().next().value!);
      entries.set(key, stored);
      return stored;
    },
    get size() {
      return entries.size;
    },
  };
}
