/**
 * The city's escalation ladder (F5), set up through commands right after its organisation: the
 * organisation's business calendar (Monday to Friday, 09:00–18:00, with the holidays of the
 * period), a calendar of its own for the Department of Housing and Utilities (it also works on
 * Saturdays), the standard ladder for the whole organisation with its body step to the City
 * Council (the top body), a stricter ladder for the department that lags behind, and the secretary
 * of the executive committee made secretary of the council, to keep the council's agenda.
 */
import { SYSTEM_ACTOR } from '../../domain/event.js';
import { STANDARD_LADDER, type Delay, type LadderRules } from '../../domain/ladder/ladder-policy.js';
import type { CityDepartment, CityOrganisation } from './city-model.js';
import type { CommandDriver } from './command-driver.js';

/** The city's public holidays from the start of its activity to the spring after (dates are not worked). */
export const CITY_HOLIDAYS: readonly string[] = ['2026-05-01', '2026-05-25', '2026-08-31', '2026-12-24', '2026-12-25', '2026-12-31', '2027-01-01'];

/** The stricter ladder of the department that lags: reminders a week, two days and four hours ahead; up a level after one working day, to the council two more later. */
export const STRICT_LADDER: LadderRules = {
  reminders: [
    { amount: 5, unit: 'working-days' },
    { amount: 2, unit: 'working-days' },
    { amount: 4, unit: 'working-hours' },
  ],
  superior: { after: { amount: 1, unit: 'working-days' }, action: 'warning' },
  body: { after: { amount: 2, unit: 'working-days' }, action: 'reprimand', bodyId: null },
};

/** What the ladder set-up registered: its streams' ids, and the department under the stricter ladder. */
export interface CityLadder {
  readonly organisationCalendarId: string;
  readonly unitCalendarId: string;
  readonly standardPolicyId: string;
  readonly strictPolicyId: string;
  /** The department that works Saturdays and is under the stricter ladder. */
  readonly department: CityDepartment;
}

function delays(list: readonly Delay[]): { amount: number; unit: string }[] {
  return list.map((d) => ({ amount: d.amount, unit: d.unit }));
}

/** The rules as a command carries them, with the body step sent to `bodyId`. */
function rulesTo(rules: LadderRules, bodyId: string): {
  reminders: { amount: number; unit: string }[];
  superior: { after: { amount: number; unit: string }; action: string | null } | null;
  body: { after: { amount: number; unit: string }; action: string | null; bodyId: string } | null;
} {
  return {
    reminders: delays(rules.reminders),
    superior: rules.superior === null ? null : { after: { ...rules.superior.after }, action: rules.superior.action },
    body: rules.body === null ? null : { after: { ...rules.body.after }, action: rules.body.action, bodyId },
  };
}

/** The department that lags (the second of the catalogue, Housing and Utilities), or the first there is. */
function laggingDepartment(org: CityOrganisation): CityDepartment {
  const d = org.departments.find((x) => x.spec.key === 'housing') ?? org.departments[1] ?? org.departments[0];
  if (d === undefined) throw new Error('the city has no department');
  return d;
}

/**
 * Registers the calendars, the two policies and the council's secretary, one command a second
 * from `start` (never before the clock). Throws ProverkaError if any command is refused.
 */
export async function registerCityLadder(driver: CommandDriver, org: CityOrganisation, start: number): Promise<CityLadder> {
  let tick = 0;
  const next = (): number => start + 1000 * tick++;
  const department = laggingDepartment(org);
  const organisationCalendarId = (
    await driver.issue(next(), SYSTEM_ACTOR, {
      type: 'calendar.define',
      definition: { workingWeekdays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, utcOffsetMinutes: 0, holidays: [...CITY_HOLIDAYS] },
    })
  ).id;
  const unitCalendarId = (await driver.issue(next(), SYSTEM_ACTOR, { type: 'calendar.define', unitId: department.unit.id, definition: { workingWeekdays: [1, 2, 3, 4, 5, 6] } })).id;
  const standardPolicyId = (
    await driver.issue(next(), SYSTEM_ACTOR, { type: 'ladder.define', name: 'The standard ladder of Northbridge', rules: rulesTo(STANDARD_LADDER, org.councilId) })
  ).id;
  const strictPolicyId = (
    await driver.issue(next(), SYSTEM_ACTOR, {
      type: 'ladder.define',
      name: `The stricter ladder of the ${department.spec.name}`,
      unitId: department.unit.id,
      rules: rulesTo(STRICT_LADDER, org.councilId),
    })
  ).id;
  await driver.issue(next(), SYSTEM_ACTOR, { type: 'person.grant-role', personId: org.secretary.id, role: 'secretary', scopeId: org.councilId });
  return { organisationCalendarId, unitCalendarId, standardPolicyId, strictPolicyId, department };
}
