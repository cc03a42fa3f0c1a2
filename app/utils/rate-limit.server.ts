// Fixed-window rate limits kept in memory (one server process). Limits come from the environment
// (RATE_LIMIT_*), so a benchmark or load test can raise them.
type Window = { count: number; resetAt: number };

export class RateLimiter {
  private windows = new Map<string, Window>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit for `key`; false when the limit is already reached in the current window. */
  hit(key: string, now = Date.now()): boolean {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
      if (this.windows.size > 50_000) this.sweep(now);
    }
    w.count++;
    return w.count <= this.limit;
  }

  retryAfterSeconds(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    return w ? Math.max(1, Math.ceil((w.resetAt - now) / 1000)) : 1;
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

const limiters = new Map<string, RateLimiter>();

export function limiter(name: string, limit: number, windowSeconds: number): RateLimiter {
  const key = `${name}:${limit}:${windowSeconds}`;
  let l = limiters.get(key);
  if (!l) limiters.set(key, (l = new RateLimiter(limit, windowSeconds * 1000)));
  return l;
}

export function tooManyRequests(retryAfter: number): Response {
  return new Response("Trop de demandes", { status: 429, headers: { "Retry-After": String(retryAfter) } });
}
