/**
 * The meetings of the city's bodies over the period, and how many assignments each issues: the
 * executive committee every Tuesday, the council on the last Thursday of each month, department
 * boards every other Wednesday. Quotas add up exactly to the size's number of assignments.
 */
import { DAY, PERIOD_END, PERIOD_START } from './city-calendar.js';
import type { CityDepartment, CityOrganisation } from './city-model.js';

/** A meeting of a body and the number of assignments its decisions issue. */
export interface Meeting {
  readonly at: number;
  readonly bodyId: string;
  readonly kind: 'council' | 'executive' | 'board';
  /** The department of a board. */
  readonly department: CityDepartment | null;
  readonly quota: number;
}

const WEIGHT = { council: 1.6, executive: 1, board: 0.35 } as const;

function weekdaysOf(weekday: number, hour: number, everyWeeks: number, offsetDays: number): number[] {
  const out: number[] = [];
  let t = PERIOD_START + offsetDays * DAY;
  while (new Date(t).getUTCDay() !== weekday) t += DAY;
  for (t += hour * 3_600_000; t < PERIOD_END - 5 * DAY; t += everyWeeks * 7 * DAY) out.push(t);
  return out;
}

function lastThursdays(): number[] {
  const out: number[] = [];
  const start = new Date(PERIOD_START);
  for (let m = 0; ; m++) {
    const next = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m + 1, 1);
    if (next > PERIOD_END) break;
    let t = next - DAY;
    while (new Date(t).getUTCDay() !== 4) t -= DAY;
    out.push(t + 14 * 3_600_000);
  }
  return out;
}

/** Every meeting of the period in time order, with quotas summing to `assignments`. */
export function meetingsOf(org: CityOrganisation, assignments: number): Meeting[] {
  const slots: Array<Omit<Meeting, 'quota'>> = [];
  for (const at of lastThursdays()) slots.push({ at, bodyId: org.councilId, kind: 'council', department: null });
  for (const at of weekdaysOf(2, 8, 1, 3)) slots.push({ at, bodyId: org.executiveId, kind: 'executive', department: null });
  for (const [i, d] of org.departments.entries()) {
    if (d.boardId === null) continue;
    for (const at of weekdaysOf(3, 9 + (i % 3), 2, 7 + 7 * (i % 2))) slots.push({ at, bodyId: d.boardId, kind: 'board', department: d });
  }
  slots.sort((a, b) => a.at - b.at);
  const total = slots.reduce((s, m) => s + WEIGHT[m.kind], 0);
  let cumulative = 0;
  let given = 0;
  return slots.map((m) => {
    cumulative += WEIGHT[m.kind];
    const upTo = Math.round((assignments * cumulative) / total);
    const quota = upTo - given;
    given = upTo;
    return { ...m, quota };
  });
}
