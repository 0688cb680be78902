/** How long to wait and when to give up on one feed entry; pure, so the schedule is unit-tested. */
export interface RetrySchedule {
  /** The first retry's delay; each later one doubles. */
  baseMs: number;
  maxDelayMs: number;
  /** Retried for this long after the first failed attempt, then dead-lettered. */
  windowMs: number;
}

/** The delay before attempt `attempts + 1`, after `attempts` failures: base × 2^(attempts−1), capped. */
export function retryDelayMs(schedule: RetrySchedule, attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(schedule.maxDelayMs, schedule.baseMs * 2 ** Math.min(exponent, 40));
}

/**
 * After a failed attempt: when to try again, or null to dead-letter the entry because the next attempt would fall
 * outside the retry window that began with its first attempt.
 */
export function nextAttemptAfterFailure(
  schedule: RetrySchedule,
  attempts: number,
  firstAttemptAt: Date,
  now: Date,
): Date | null {
  const next = new Date(now.getTime() + retryDelayMs(schedule, attempts));
  return next.getTime() - firstAttemptAt.getTime() > schedule.windowMs ? null : next;
}
