/**
 * When a failed delivery is tried again: 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, then every 6 h,
 * up to MAX_ATTEMPTS attempts in all, after which the message ends `failed`.
 */

/** How many attempts a message gets before it ends `failed`. */
export const MAX_ATTEMPTS = 8;

const DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000] as const;
const CAP_MS = 21_600_000;

/** The wait after the `attempt`-th failed attempt (1 for the first): growing, never more than 6 h. */
export function backoffMs(attempt: number): number {
  return DELAYS_MS[Math.max(0, attempt - 1)] ?? CAP_MS;
}

/** The instant (ms) of the next attempt after the `attempt`-th failed at `now`, or null when none is left. */
export function nextAttemptAt(now: number, attempt: number, maxAttempts = MAX_ATTEMPTS): number | null {
  return attempt >= maxAttempts ? null : now + backoffMs(attempt);
}
