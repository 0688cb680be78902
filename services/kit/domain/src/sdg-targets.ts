/*
 * The 169 targets of the 17 Sustainable Development Goals, as numbered in UN General Assembly resolution A/RES/70/1
 * ("Transforming our world: the 2030 Agenda for Sustainable Development", 2015) and the global indicator framework
 * (A/RES/71/313): numeric targets ("11.7") are outcomes, lettered ones ("11.a") means of implementation. Each entry is
 * [goal, numbered targets, lettered targets]; goal 17 has numbered targets only.
 */
const TARGETS_PER_GOAL: ReadonlyArray<readonly [goal: number, numbered: number, lettered: number]> = [
  [1, 5, 2],
  [2, 5, 3],
  [3, 9, 4],
  [4, 7, 3],
  [5, 6, 3],
  [6, 6, 2],
  [7, 3, 2],
  [8, 10, 2],
  [9, 5, 3],
  [10, 7, 3],
  [11, 7, 3],
  [12, 8, 3],
  [13, 3, 2],
  [14, 7, 3],
  [15, 9, 3],
  [16, 10, 2],
  [17, 19, 0],
];

/** Every official SDG target code, in order: "1.1" … "17.19". */
export const SDG_TARGETS: readonly string[] = TARGETS_PER_GOAL.flatMap(([goal, numbered, lettered]) => [
  ...Array.from({ length: numbered }, (_, index) => `${goal}.${index + 1}`),
  ...Array.from({ length: lettered }, (_, index) => `${goal}.${String.fromCharCode(97 + index)}`),
]);

const TARGET_SET = new Set(SDG_TARGETS);

export function isSdgTarget(code: string): boolean {
  return TARGET_SET.has(code);
}

/** The goal a target belongs to: 11 for "11.7". */
export function goalOfTarget(code: string): number {
  return Number(code.split('.')[0]);
}
