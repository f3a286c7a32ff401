/**
 * Registers the organisation of the generated city through commands: the mayor's office with the
 * deputy mayors, the execution-control office and the secretariat, departments with their
 * divisions, people in every unit with a post each, the council, the executive committee,
 * department boards and committees. Returns the generator's map of who is where.
 */
import type { Outcome } from '../../app/commands/context.js';
import { SYSTEM_ACTOR } from '../../domain/event.js';
import type { Rng } from '../random.js';
import { CITY_NAME, DEPARTMENTS, SECTOR_TITLES, type Sector } from './city-catalogue.js';
import { SETUP_START } from './city-calendar.js';
import { COMMITTEES } from './city-committees.js';
import type { CityCommittee, CityDepartment, CityOrganisation, CityPerson, CityPost, CityUnit } from './city-model.js';
import type { CitySize } from './city-size.js';
import { FIRST_NAMES, LAST_NAMES } from './city-words.js';
import type { CommandDriver } from './command-driver.js';

const STAFF_TITLES = ['Chief specialist', 'Senior specialist', 'Engineer', 'Specialist', 'Inspector'] as const;

function headPostOf(out: Outcome): string {
  const post = out.events.find((e) => e.type === 'post.created');
  if (post === undefined) throw new Error('unit.create wrote no head post');
  return post.streamId;
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/** Draws distinct full names, with their e-mail addresses. */
function nameSource(rng: Rng): () => { name: string; email: string } {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const name = `${first} ${last}`;
      if (used.has(name)) continue;
      used.add(name);
      return { name, email: `${ascii(first)}.${ascii(last)}@${CITY_NAME.toLowerCase()}.example` };
    }
  };
}

/** Splits `total` into `parts` whole shares of at least `min` each, at random. */
function split(rng: Rng, total: number, parts: number, min: number): number[] {
  const shares = Array.from({ length: parts }, () => min);
  for (let left = total - min * parts; left > 0; left--) {
    const i = rng.int(0, parts - 1);
    shares[i] = (shares[i] as number) + 1;
  }
  return shares;
}

/** Registers the city at SETUP_START onwards, one command a second, and returns its map. */
export async function registerCityOrganisation(driver: CommandDriver, rng: Rng, size: CitySize): Promise<CityOrganisation> {
  let tick = 0;
  const next = (): number => SETUP_START + 1000 * tick++;
  const specs = DEPARTMENTS.slice(0, size.departments);
  const sectors = [...new Set(specs.map((s) => s.sector))];
  const newName = nameSource(rng);
  const units: CityUnit[] = [];
  const people: CityPerson[] = [];
  /** Posts to fill once everyone is registered: a unit's head post, or a post to create with its title. */
  const posts: Array<{ unit: CityUnit; person: CityPerson; headPost: boolean; title: string; domain: string }> = [];

  async function unit(name: string, parent: CityUnit | null, headTitle: string): Promise<CityUnit> {
    const out = await driver.issue(next(), SYSTEM_ACTOR, { type: 'unit.create', name, headTitle, ...(parent === null ? {} : { parentId: parent.id }) });
    const u: CityUnit = { id: out.id, name, headPostId: headPostOf(out), parent, members: [] };
    units.push(u);
    return u;
  }

  async function person(u: CityUnit, department: CityDepartment | null, superior: CityPerson | null, post: { title: string; domain: string; head: boolean }): Promise<CityPerson> {
    const { name, email } = newName();
    const out = await driver.issue(next(), SYSTEM_ACTOR, { type: 'person.register', name, unitId: u.id, email });
    const p: CityPerson = {
      id: out.id,
      name,
      unit: u,
      department,
      pace: Math.min(1.8, Math.max(0.6, rng.lognormal(1, 0.22))),
      sloppiness: Math.min(3, Math.max(0.3, rng.lognormal(1, 0.5))),
      superior,
      subordinates: [],
    };
    superior?.subordinates.push(p);
    u.members.push(p);
    department?.people.push(p);
    people.push(p);
    posts.push({ unit: u, person: p, headPost: post.head, title: post.title, domain: post.domain });
    return p;
  }

  // Units.
  const mayorsOffice = await unit(`Office of the Mayor of ${CITY_NAME}`, null, `Mayor of ${CITY_NAME}`);
  const controlOffice = await unit('Execution Control Office', mayorsOffice, 'Head of the Execution Control Office');
  const secretariat = await unit('Secretariat of the Council and the Executive Committee', mayorsOffice, 'Secretary of the Executive Committee');
  const departments: CityDepartment[] = [];
  for (const [i, spec] of specs.entries()) {
    const u = await unit(spec.name, mayorsOffice, `Director of the ${spec.name}`);
    // The second department lags behind the others, so that the scorecards have something to show.
    const pace = i === 1 ? 1.35 : Math.min(1.3, Math.max(0.8, rng.lognormal(1, 0.12)));
    const d: CityDepartment = { spec, unit: u, divisions: [], people: [], pace, boardId: null, head: null };
    for (const name of spec.divisions.slice(0, size.divisionsPerDepartment)) d.divisions.push(await unit(name, u, `Head of the ${name}`));
    departments.push(d);
  }

  // People, each registered at once; their posts are filled afterwards.
  const mayor = await person(mayorsOffice, null, null, { title: '', domain: 'management', head: true });
  const deputyMayors = new Map<Sector, CityPerson>();
  for (const s of sectors) deputyMayors.set(s, await person(mayorsOffice, null, mayor, { title: SECTOR_TITLES[s], domain: 'management', head: false }));
  const controlHead = await person(controlOffice, null, mayor, { title: '', domain: 'control', head: true });
  const inspectors: CityPerson[] = [];
  for (let i = 0; i < size.inspectors; i++) inspectors.push(await person(controlOffice, null, controlHead, { title: 'Inspector of execution control', domain: 'control', head: false }));
  const secretary = await person(secretariat, null, mayor, { title: '', domain: 'administration', head: true });
  await person(secretariat, null, secretary, { title: 'Clerk of the council', domain: 'administration', head: false });
  for (const d of departments) {
    const deputyMayor = deputyMayors.get(d.spec.sector) ?? mayor;
    d.head = await person(d.unit, d, deputyMayor, { title: '', domain: d.spec.domain, head: true });
    await person(d.unit, d, d.head, { title: `Deputy Director of the ${d.spec.name}`, domain: d.spec.domain, head: false });
  }
  const divisionHeads = new Map<CityUnit, CityPerson>();
  for (const d of departments) for (const u of d.divisions) divisionHeads.set(u, await person(u, d, d.head, { title: '', domain: d.spec.domain, head: true }));
  const divisions = departments.flatMap((d) => d.divisions.map((u) => ({ d, u })));
  const staff = split(rng, Math.max(divisions.length, size.people - people.length), divisions.length, 1);
  for (const [i, { d, u }] of divisions.entries()) {
    for (let k = 0; k < (staff[i] as number); k++) {
      const title = `${STAFF_TITLES[rng.int(0, STAFF_TITLES.length - 1)] as string}, ${u.name}`;
      await person(u, d, divisionHeads.get(u) ?? d.head, { title, domain: d.spec.domain, head: false });
    }
  }

  const filled: CityPost[] = [];
  for (const post of posts) {
    if (post.headPost) await driver.issue(next(), SYSTEM_ACTOR, { type: 'post.appoint', postId: post.unit.headPostId, personId: post.person.id });
    const id = post.headPost ? post.unit.headPostId : (await driver.issue(next(), SYSTEM_ACTOR, { type: 'post.create', unitId: post.unit.id, title: post.title, domain: post.domain, holderId: post.person.id })).id;
    filled.push({ id, unit: post.unit, holder: post.person, head: post.headPost, domain: post.domain });
  }

  // Bodies.
  const councilId = (await driver.issue(next(), SYSTEM_ACTOR, { type: 'body.create', name: `${CITY_NAME} City Council`, level: 1 })).id;
  const executiveId = (await driver.issue(next(), SYSTEM_ACTOR, { type: 'body.create', name: `Executive Committee of ${CITY_NAME}`, level: 2, parentId: councilId })).id;
  for (const d of departments.slice(0, size.boards)) {
    d.boardId = (await driver.issue(next(), SYSTEM_ACTOR, { type: 'body.create', name: `Board of the ${d.spec.name}`, level: 3, parentId: executiveId })).id;
  }

  const org: CityOrganisation = { mayor, deputyMayors, controlHead, inspectors, secretary, councilId, executiveId, departments, people, units, posts: filled, committees: [] };

  // Committees, registered by the secretary.
  const committees: CityCommittee[] = [];
  for (const spec of COMMITTEES.slice(0, size.committees)) {
    const chair = spec.chair(org);
    const members = spec.members(org).filter((m) => m !== chair);
    const out = await driver.issue(next(), secretary.id, {
      type: 'committee.create',
      name: spec.name,
      mandate: spec.mandate,
      chairId: chair.id,
      memberIds: [...new Set(members.map((m) => m.id))],
      sunset: spec.sunset,
      bodyId: executiveId,
    });
    committees.push({ id: out.id, name: spec.name, dissolve: spec.dissolve === undefined ? null : { at: Date.parse(spec.dissolve.at), reason: spec.dissolve.reason } });
  }
  return { ...org, committees };
}
