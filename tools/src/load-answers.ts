/* How the load benchmark checks the answers it gets under load (tools/src/bench-load.ts). */

/** The `data` of an answer as JSON text, or undefined when it has errors or is not JSON. */
export function answerData(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
    return parsed.errors || parsed.data === undefined ? undefined : JSON.stringify(parsed.data);
  } catch {
    return undefined;
  }
}

/**
 * Whether an answer carries `data` (as JSON text) and no errors. Comparing the text costs autocannon, which shares
 * the machine's two cores with the hub, a fraction of parsing every answer: parsing a 20 KB answer cost it more CPU
 * than the cached answer cost the gateway, and so lowered the very rate it measured. The gateway writes `data`
 * first and `extensions` after it; an answer written otherwise is parsed.
 */
export function sameDataAs(data: string): (body?: string | Buffer) => boolean {
  const prefix = `{"data":${data}`;
  return (body) => {
    const text = String(body ?? '');
    if (text.startsWith(prefix)) {
      const rest = text.length - prefix.length;
      if (rest === 1 && text.endsWith('}')) return true;
      if (
        text.startsWith(',"extensions":', prefix.length) &&
        text.endsWith('}') &&
        !text.includes('"errors":', prefix.length)
      )
        return true;
    }
    return answerData(text) === data;
  };
}

/** The counts of an autocannon run that tell of failed requests. */
export interface RunCounts {
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches?: number;
}

/**
 * Requests that failed: errors (autocannon counts a timeout among them too, so `timeouts` is not added again) and
 * answers without the checked data. autocannon checks the body of every answer whatever its status, so when answers
 * are checked a non-2xx answer is already a mismatch and is not counted twice; when they are not (an answer that is
 * not stable), the non-2xx answers are the failed ones.
 */
export function failedRequests(counts: RunCounts, answersChecked: boolean): number {
  return counts.errors + (answersChecked ? (counts.mismatches ?? 0) : counts.non2xx);
}
