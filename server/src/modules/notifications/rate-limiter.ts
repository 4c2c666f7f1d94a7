/**
 * A token bucket: `perSecond` sends a second on average, bursts of a tenth of that at most, so a
 * provider's rate limit (Tencent SMS: 3000 requests a second per app; WeChat's per-minute quotas)
 * is kept by this server instance. Several instances share the provider's limit: give each its part.
 */
export class RateLimiter {
  private tokens: number;
  private readonly capacity: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.capacity = Math.max(1, Math.floor(perSecond / 10));
    this.tokens = this.capacity;
    this.last = now();
  }

  /** Resolves when one more send may go. Callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.wait());
    this.queue = turn;
    return turn;
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.perSecond) / 1000);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.ceil(((1 - this.tokens) * 1000) / this.perSecond)),
      );
    }
  }
}
