/**
 * The apparatus of 1922 as the founding document names it: the Political Bureau, the Council of
 * People's Commissars and its administrative department, the Commissariat of Foreign Trade, the
 * Moscow consumers' societies, the coal directorate of the Donetz basin. People the text names
 * keep their names; the others are known by their role. Every id is fixed, so that the founding
 * cases can refer to them.
 */
import { SYSTEM_ACTOR } from '../../domain/event.js';
import type { ScriptStep } from '../script.js';

/** The bodies of 1922. */
export const BODY = {
  politburo: 'body_politburo-1922',
  sovnarkom: 'body_sovnarkom-1922',
  sto: 'body_sto-1922',
} as const;

/** The units of 1922. */
export const UNIT = {
  centralCommittee: 'unit_cc-rcp',
  sovnarkom: 'unit_sovnarkom',
  sovnarkomAdmin: 'unit_sovnarkom-admin',
  nkvt: 'unit_nkvt',
  nkvtImport: 'unit_nkvt-import',
  mpo: 'unit_mpo',
  mpoPurchasing: 'unit_mpo-purchasing',
  vsnkh: 'unit_vsnkh',
  coal: 'unit_coal-directorate',
  finance: 'unit_narkomfin',
  food: 'unit_narkomprod',
  railways: 'unit_nkps',
  labour: 'unit_narkomtrud',
} as const;

/** The people of 1922. */
export const PERSON = {
  lenin: 'per_lenin',
  kamenev: 'per_kamenev',
  krassine: 'per_krassine',
  tsiouroupa: 'per_tsiouroupa',
  rykov: 'per_rykov',
  gorbunov: 'per_gorbunov',
  mirochnikov: 'per_mirochnikov',
  ordjonikidze: 'per_ordjonikidze',
  ccSecretary: 'per_cc-secretary',
  nkvtImportHead: 'per_nkvt-import-head',
  mpoChair: 'per_mpo-chair',
  mpoPurchasingHead: 'per_mpo-purchasing-head',
  vsnkhChair: 'per_vsnkh-chair',
  coalHead: 'per_coal-directorate-head',
  kimkaChair: 'per_kimka-chair',
  financeHead: 'per_narkomfin-head',
  foodHead: 'per_narkomprod-head',
  railwaysHead: 'per_nkps-head',
  labourHead: 'per_narkomtrud-head',
} as const;

interface UnitSpec {
  readonly id: string;
  readonly name: string;
  readonly parentId?: string;
  readonly headTitle: string;
  readonly head: string;
}

const UNITS: readonly UnitSpec[] = [
  { id: UNIT.centralCommittee, name: 'Central Committee of the R.C.P.(b.)', headTitle: 'Responsible Secretary of the Central Committee', head: PERSON.ccSecretary },
  { id: UNIT.sovnarkom, name: "Council of People's Commissars", headTitle: "Chairman of the Council of People's Commissars", head: PERSON.lenin },
  { id: UNIT.sovnarkomAdmin, name: "Administrative Department of the Council of People's Commissars", parentId: UNIT.sovnarkom, headTitle: 'Head of the Administrative Department', head: PERSON.gorbunov },
  { id: UNIT.nkvt, name: "People's Commissariat of Foreign Trade (NKVT)", parentId: UNIT.sovnarkom, headTitle: "People's Commissar of Foreign Trade", head: PERSON.krassine },
  { id: UNIT.nkvtImport, name: 'Import Department of the NKVT', parentId: UNIT.nkvt, headTitle: 'Head of the NKVT import department', head: PERSON.nkvtImportHead },
  { id: UNIT.mpo, name: "Moscow Consumers' Societies (MPO)", headTitle: 'Chairman of the MPO board', head: PERSON.mpoChair },
  { id: UNIT.mpoPurchasing, name: 'Purchasing Section of the MPO', parentId: UNIT.mpo, headTitle: 'Head of the MPO purchasing section', head: PERSON.mpoPurchasingHead },
  { id: UNIT.vsnkh, name: 'Supreme Council of the National Economy (VSNKh)', parentId: UNIT.sovnarkom, headTitle: 'Chairman of the VSNKh', head: PERSON.vsnkhChair },
  { id: UNIT.coal, name: 'Central Directorate of the Coal Industry (Donetz basin)', parentId: UNIT.vsnkh, headTitle: 'Head of the Central Directorate of the Coal Industry', head: PERSON.coalHead },
  { id: UNIT.finance, name: "People's Commissariat of Finance", parentId: UNIT.sovnarkom, headTitle: "People's Commissar of Finance", head: PERSON.financeHead },
  { id: UNIT.food, name: "People's Commissariat of Food", parentId: UNIT.sovnarkom, headTitle: "People's Commissar of Food", head: PERSON.foodHead },
  { id: UNIT.railways, name: "People's Commissariat of Ways of Communication", parentId: UNIT.sovnarkom, headTitle: "People's Commissar of Ways of Communication", head: PERSON.railwaysHead },
  { id: UNIT.labour, name: "People's Commissariat of Labour", parentId: UNIT.sovnarkom, headTitle: "People's Commissar of Labour", head: PERSON.labourHead },
];

interface PersonSpec {
  readonly id: string;
  readonly name: string;
  readonly unitId: string;
  /** A post of their own besides a unit's head post, if any. */
  readonly post?: { readonly id: string; readonly title: string; readonly domain: string };
}

const PEOPLE: readonly PersonSpec[] = [
  { id: PERSON.ccSecretary, name: 'Responsible Secretary of the Central Committee', unitId: UNIT.centralCommittee },
  {
    id: PERSON.kamenev,
    name: 'L. B. Kamenev',
    unitId: UNIT.centralCommittee,
    post: { id: 'post_politburo-member-kamenev', title: 'Member of the Political Bureau', domain: 'politics' },
  },
  {
    id: PERSON.ordjonikidze,
    name: 'G. K. Ordjonikidze',
    unitId: UNIT.centralCommittee,
    post: { id: 'post_cc-member-ordjonikidze', title: 'Member of the Central Committee', domain: 'politics' },
  },
  { id: PERSON.lenin, name: 'V. I. Lenin', unitId: UNIT.sovnarkom },
  {
    id: PERSON.tsiouroupa,
    name: 'A. D. Tsiouroupa',
    unitId: UNIT.sovnarkom,
    post: { id: 'post_sovnarkom-deputy-control', title: "Deputy Chairman of the Council of People's Commissars (execution control)", domain: 'control' },
  },
  {
    id: PERSON.rykov,
    name: 'A. I. Rykov',
    unitId: UNIT.sovnarkom,
    post: { id: 'post_sovnarkom-deputy', title: "Deputy Chairman of the Council of People's Commissars", domain: 'management' },
  },
  { id: PERSON.gorbunov, name: 'N. P. Gorbunov', unitId: UNIT.sovnarkomAdmin },
  {
    id: PERSON.mirochnikov,
    name: 'I. I. Mirochnikov',
    unitId: UNIT.sovnarkomAdmin,
    post: { id: 'post_sovnarkom-admin-deputy', title: 'Deputy Head of the Administrative Department', domain: 'control' },
  },
  { id: PERSON.krassine, name: 'L. B. Krassine', unitId: UNIT.nkvt },
  { id: PERSON.nkvtImportHead, name: 'Head of the NKVT import department', unitId: UNIT.nkvtImport },
  { id: PERSON.mpoChair, name: 'Chairman of the MPO board', unitId: UNIT.mpo },
  { id: PERSON.mpoPurchasingHead, name: 'Head of the MPO purchasing section', unitId: UNIT.mpoPurchasing },
  { id: PERSON.vsnkhChair, name: 'Chairman of the VSNKh', unitId: UNIT.vsnkh },
  { id: PERSON.coalHead, name: 'Head of the Central Directorate of the Coal Industry', unitId: UNIT.coal },
  {
    id: PERSON.kimkaChair,
    name: 'Chairman of the Kimka',
    unitId: UNIT.vsnkh,
    post: { id: 'post_kimka-chair', title: 'Chairman of the Commission for the Exploitation of Small Mines (Kimka)', domain: 'coal' },
  },
  { id: PERSON.financeHead, name: "People's Commissar of Finance", unitId: UNIT.finance },
  { id: PERSON.foodHead, name: "People's Commissar of Food", unitId: UNIT.food },
  { id: PERSON.railwaysHead, name: "People's Commissar of Ways of Communication", unitId: UNIT.railways },
  { id: PERSON.labourHead, name: "People's Commissar of Labour", unitId: UNIT.labour },
];

/** The head post id of a founding unit. */
export function headPostOf(unitId: string): string {
  return `post_${unitId.slice('unit_'.length)}-head`;
}

/** How many units and people the founding organisation registers. */
export const FOUNDING_ORGANISATION_SIZE = { units: UNITS.length, people: PEOPLE.length } as const;

/**
 * The steps that set up the apparatus on 2 January 1922, one minute apart: bodies, units with
 * their head posts, people, the heads appointed and the other posts filled.
 */
export function foundingOrganisationSteps(): ScriptStep[] {
  const steps: ScriptStep[] = [];
  let minute = 0;
  const at = (): string => new Date(Date.UTC(1922, 0, 2, 9, minute++)).toISOString();
  const system = (command: ScriptStep['command']): void => void steps.push({ at: at(), actor: SYSTEM_ACTOR, command });
  system({ type: 'body.create', id: BODY.politburo, name: 'Political Bureau of the Central Committee of the R.C.P.(b.)', level: 1 });
  system({ type: 'body.create', id: BODY.sovnarkom, name: "Council of People's Commissars (Sovnarkom)", level: 2, parentId: BODY.politburo });
  system({ type: 'body.create', id: BODY.sto, name: 'Council of Labour and Defence (STO)', level: 3, parentId: BODY.sovnarkom });
  for (const u of UNITS) {
    system({ type: 'unit.create', id: u.id, name: u.name, headPostId: headPostOf(u.id), headTitle: u.headTitle, ...(u.parentId === undefined ? {} : { parentId: u.parentId }) });
  }
  for (const p of PEOPLE) system({ type: 'person.register', id: p.id, name: p.name, unitId: p.unitId });
  for (const u of UNITS) system({ type: 'post.appoint', postId: headPostOf(u.id), personId: u.head });
  for (const p of PEOPLE) {
    if (p.post !== undefined) system({ type: 'post.create', id: p.post.id, unitId: p.unitId, title: p.post.title, domain: p.post.domain, holderId: p.id });
  }
  return steps;
}
