/** The committees of the generated city: a mandate, a chair, members, a sunset — and one that is dissolved for producing nothing. */
import type { CityDepartment, CityOrganisation, CityPerson } from './city-model.js';

/** A committee to register: who chairs and sits on it is chosen from the organisation. */
export interface CommitteeSpec {
  readonly key: string;
  readonly name: string;
  readonly mandate: string;
  readonly sunset: string;
  readonly chair: (org: CityOrganisation) => CityPerson;
  readonly members: (org: CityOrganisation) => CityPerson[];
  /** When and why the generator dissolves it, if it does. */
  readonly dissolve?: { readonly at: string; readonly reason: string };
}

function dept(org: CityOrganisation, key: string): CityDepartment | undefined {
  return org.departments.find((d) => d.spec.key === key);
}

function headOf(org: CityOrganisation, key: string, fallback: CityPerson): CityPerson {
  return dept(org, key)?.head ?? fallback;
}

function divisionHeads(org: CityOrganisation, key: string): CityPerson[] {
  const d = dept(org, key);
  if (d === undefined) return [];
  return d.divisions.map((u) => u.members[0]).filter((p): p is CityPerson => p !== undefined);
}

const anyDeputy = (org: CityOrganisation): CityPerson => [...org.deputyMayors.values()][0] ?? org.mayor;

/** The committees, in the order the sizes take them. */
export const COMMITTEES: readonly CommitteeSpec[] = [
  {
    key: 'road-safety',
    name: 'Road Safety Commission',
    mandate: 'Review the road accidents of each month and propose measures to the executive committee.',
    sunset: '2027-04-30',
    chair: (org) => org.deputyMayors.get('urban') ?? anyDeputy(org),
    members: (org) => [headOf(org, 'transport', org.mayor), headOf(org, 'safety', org.controlHead), ...org.inspectors.slice(0, 1)],
  },
  {
    key: 'heating-readiness',
    name: 'Heating Season Readiness Commission',
    mandate: 'Check that the heating network, the boiler houses and the blocks are ready before the heating season.',
    sunset: '2026-10-15',
    chair: (org) => headOf(org, 'housing', anyDeputy(org)),
    members: (org) => divisionHeads(org, 'housing'),
  },
  {
    key: 'tourism',
    name: 'Tourism Development Council',
    mandate: 'Advise on making Northbridge attractive to visitors.',
    sunset: '2026-12-31',
    chair: (org) => org.deputyMayors.get('social') ?? anyDeputy(org),
    members: (org) => [headOf(org, 'culture', org.secretary), headOf(org, 'transport', org.secretary)].filter((p, i, all) => all.indexOf(p) === i),
    dissolve: {
      at: '2026-08-19T09:00:00Z',
      reason: 'No decision and no closed assignment in four months; its questions belong to the Department of Culture and Sport, which answers for them.',
    },
  },
  {
    key: 'anti-flood',
    name: 'Anti-Flood Commission',
    mandate: 'Coordinate the preparation for the spring and autumn floods along the river and the canal.',
    sunset: '2027-12-31',
    chair: (org) => headOf(org, 'safety', anyDeputy(org)),
    members: (org) => [headOf(org, 'housing', org.controlHead), headOf(org, 'environment', org.controlHead)].filter((p, i, all) => all.indexOf(p) === i),
  },
  {
    key: 'procurement-review',
    name: 'Procurement Review Commission',
    mandate: 'Review the tenders above the threshold before the contracts are signed.',
    sunset: '2026-09-30',
    chair: (org) => headOf(org, 'finance', anyDeputy(org)),
    members: (org) => [...divisionHeads(org, 'finance'), ...org.inspectors.slice(1, 2)],
  },
  {
    key: 'street-naming',
    name: 'Commission on Street Naming',
    mandate: 'Propose names for the new streets of the northern districts.',
    sunset: '2026-07-31',
    chair: (org) => headOf(org, 'planning', org.secretary),
    members: (org) => [org.secretary],
  },
];
