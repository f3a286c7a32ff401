/**
 * The commissions purge of March 1922 (founding document): "Ces jours-ci on a épuré les
 * commissions. Il y en avait cent vingt. Combien étaient nécessaires ? Seize." The registry holds
 * fifteen commissions of the Council of People's Commissars and of the Council of Labour and
 * Defence; the assignment to cut them to the necessary ones dissolves thirteen and keeps two —
 * the seed's proportion of sixteen in a hundred and twenty. Names and dates are a reconstruction.
 */
import { documentOf } from '../evidence.js';
import type { ScriptStep } from '../script.js';
import type { FoundingCase } from './founding-case.js';
import { BODY, PERSON } from './founding-organisation.js';

/** The fixed id of the purge assignment. */
export const COMMISSIONS_PURGE_ID = 'asg_commissions-purge-1922';

const DECISION_ID = 'dec_snk-1922-03-07-commissions';

/** The case as the demo presents it. */
export const COMMISSIONS_PURGE_CASE: FoundingCase = {
  id: COMMISSIONS_PURGE_ID,
  title: 'The commissions purge (Council of People\'s Commissars, March 1922)',
  story:
    'The seed: "These days the commissions were purged. There were a hundred and twenty. How many were necessary? Sixteen." («Il y en avait cent vingt. ' +
    'Combien étaient nécessaires ? Seize.») "Instead of answering for one\'s acts … one hides behind the commissions … in the end a decision is taken by ' +
    'which everyone is responsible." Here the commissions of the Council of People\'s Commissars and of the Council of Labour and Defence are in the ' +
    'committee registry, each with a mandate, a chair, members and a sunset date. A decision of the Council makes one person answerable for the purge: ' +
    'Gorbunov owns it, Mirochnikov helps as co-executor, Rykov verifies. Of the fifteen commissions registered, thirteen are dissolved with their reasons ' +
    'and two are kept — sixteen out of a hundred and twenty, in proportion. A commission can advise; it never owns work. The names of the commissions ' +
    'and the dates are a reconstruction.',
};

interface CommissionSpec {
  readonly key: string;
  readonly name: string;
  readonly mandate: string;
  readonly chair: string;
  readonly members: readonly string[];
  readonly body: string;
  readonly sunset: string;
  /** Why it is dissolved, or null when it is one of the necessary ones. */
  readonly dissolve: string | null;
}

const p = PERSON;

const COMMISSIONS: readonly CommissionSpec[] = [
  {
    key: 'fuel-moscow',
    name: 'Commission on the Fuel Supply of Moscow',
    mandate: 'Secure firewood, coal and oil for Moscow through the winter and the spring floods.',
    chair: p.rykov,
    members: [p.railwaysHead, p.vsnkhChair, p.coalHead],
    body: BODY.sto,
    sunset: '1922-12-31',
    dissolve: null,
  },
  {
    key: 'concessions',
    name: 'Commission on Concessions',
    mandate: 'Examine the proposals of foreign firms for concessions and report to the Council with a recommendation.',
    chair: p.krassine,
    members: [p.financeHead, p.vsnkhChair],
    body: BODY.sovnarkom,
    sunset: '1922-12-31',
    dissolve: null,
  },
  {
    key: 'food-imports',
    name: 'Commission on Food Purchases Abroad',
    mandate: 'Coordinate purchases of food abroad between the commissariats and the cooperatives.',
    chair: p.foodHead,
    members: [p.nkvtImportHead, p.mpoChair],
    body: BODY.sto,
    sunset: '1922-06-30',
    dissolve: 'Duplicates the Commissariat of Foreign Trade, which answers for imports; it has met and decided nothing.',
  },
  {
    key: 'material-resources',
    name: 'Commission on the Utilisation of Material Resources',
    mandate: 'Account for the material resources of the Republic and propose their distribution.',
    chair: p.vsnkhChair,
    members: [p.financeHead, p.foodHead],
    body: BODY.sto,
    sunset: '1922-09-30',
    dissolve: 'Its work belongs to the Supreme Council of the National Economy; the commission adds a second signature and nothing else.',
  },
  {
    key: 'barter-fund',
    name: 'Commission on the Barter Fund',
    mandate: 'Allocate the goods of the barter fund between the provinces.',
    chair: p.foodHead,
    members: [p.mpoChair, p.labourHead],
    body: BODY.sto,
    sunset: '1922-06-30',
    dissolve: 'The barter fund is wound up with the tax in kind; nothing is left to allocate.',
  },
  {
    key: 'ration-scales',
    name: 'Interdepartmental Commission on Ration Scales',
    mandate: 'Fix the ration scales of the workers and employees of the state institutions.',
    chair: p.labourHead,
    members: [p.foodHead, p.financeHead],
    body: BODY.sovnarkom,
    sunset: '1922-12-31',
    dissolve: 'The Commissariat of Labour fixes the scales and answers for them; a commission of three commissariats only delays them.',
  },
  {
    key: 'wagon-repair',
    name: 'Commission on Wagon Repair',
    mandate: 'Speed up the repair of railway wagons for food transport.',
    chair: p.railwaysHead,
    members: [p.vsnkhChair],
    body: BODY.sto,
    sunset: '1922-09-30',
    dissolve: 'The Commissariat of Ways of Communication answers for its wagons; the commission is a place to hide the delays.',
  },
  {
    key: 'peat',
    name: 'Commission on Peat Extraction',
    mandate: 'Organise the peat campaign of 1922 for the Moscow power stations.',
    chair: p.vsnkhChair,
    members: [p.labourHead],
    body: BODY.sto,
    sunset: '1922-10-31',
    dissolve: 'Handed to the fuel directorate of the VSNKh, which answers for the campaign.',
  },
  {
    key: 'premiums',
    name: 'Commission on Premiums in Kind',
    mandate: 'Decide the premiums in kind for enterprises that exceed their programme.',
    chair: p.labourHead,
    members: [p.foodHead],
    body: BODY.sto,
    sunset: '1922-06-30',
    dissolve: 'Premiums in kind end with the new economic policy; wages are paid in money.',
  },
  {
    key: 'staff-reduction',
    name: 'Commission on the Reduction of Staffs',
    mandate: 'Propose the reduction of the staffs of the central institutions.',
    chair: p.financeHead,
    members: [p.labourHead, p.gorbunov],
    body: BODY.sovnarkom,
    sunset: '1922-12-31',
    dissolve: 'Each commissar answers for the size of his own staff; the commission has produced three reports and no reduction.',
  },
  {
    key: 'specialists-housing',
    name: 'Commission on Housing for Specialists',
    mandate: 'Find housing in Moscow for the specialists called from the provinces.',
    chair: p.gorbunov,
    members: [p.labourHead],
    body: BODY.sovnarkom,
    sunset: '1922-06-30',
    dissolve: 'A matter for the Moscow Soviet; the Council has no business with it.',
  },
  {
    key: 'tariffs',
    name: 'Commission on Railway Tariffs',
    mandate: 'Review the railway tariffs for goods and passengers.',
    chair: p.railwaysHead,
    members: [p.financeHead],
    body: BODY.sto,
    sunset: '1922-09-30',
    dissolve: 'The tariffs are fixed by the Commissariat of Ways of Communication and approved by the Council; the commission is a third step between them.',
  },
  {
    key: 'requisitions',
    name: 'Commission on Requisitions and Confiscations',
    mandate: 'Examine complaints about requisitions and confiscations by local bodies.',
    chair: p.mirochnikov,
    members: [p.financeHead],
    body: BODY.sovnarkom,
    sunset: '1922-06-30',
    dissolve: 'The complaints go to the courts and to the Workers\' and Peasants\' Inspection; the commission has not met since December.',
  },
  {
    key: 'famine-relief-goods',
    name: 'Commission on Goods for Famine Relief',
    mandate: 'Coordinate the goods sent to the famine-stricken provinces.',
    chair: p.foodHead,
    members: [p.railwaysHead, p.mpoChair],
    body: BODY.sto,
    sunset: '1922-09-30',
    dissolve: 'Overlaps the Commissariat of Food and the relief committee; two bodies answering for one thing means none answers.',
  },
  {
    key: 'paper-supply',
    name: 'Commission on the Paper Supply of the Institutions',
    mandate: 'Distribute paper between the central institutions.',
    chair: p.gorbunov,
    members: [p.mirochnikov],
    body: BODY.sovnarkom,
    sunset: '1922-06-30',
    dissolve: 'The administrative department distributes paper itself; a commission for paper produces only more paper.',
  },
];

const committeeId = (key: string): string => `cmt_1922-${key}`;

/** The ids of the commissions in the registry: those the purge keeps and those it dissolves. */
export const COMMISSION_IDS: { readonly kept: readonly string[]; readonly dissolved: readonly string[] } = {
  kept: COMMISSIONS.filter((c) => c.dissolve === null).map((c) => committeeId(c.key)),
  dissolved: COMMISSIONS.filter((c) => c.dissolve !== null).map((c) => committeeId(c.key)),
};

/** The commissions in the registry: created on 3 January 1922. */
export function commissionsSteps(): ScriptStep[] {
  return COMMISSIONS.map((c, i) => ({
    at: new Date(Date.UTC(1922, 0, 3, 10, i * 5)).toISOString(),
    actor: p.gorbunov,
    command: { type: 'committee.create', id: committeeId(c.key), name: c.name, mandate: c.mandate, chairId: c.chair, memberIds: [...c.members], sunset: c.sunset, bodyId: c.body },
  }));
}

const LIST_TEXT = [
  'Commissions of the Council of People\'s Commissars and of the Council of Labour and Defence — after the purge, 20 March 1922',
  ...COMMISSIONS.map((c) => `${c.dissolve === null ? 'KEPT     ' : 'ABOLISHED'}  ${c.name}${c.dissolve === null ? '' : ` — ${c.dissolve}`}`),
  'Before the purge: 120 commissions. Found necessary: 16.',
].join('\n');

/** Every command of the purge itself, dated. */
export function commissionsPurgeSteps(): ScriptStep[] {
  const id = COMMISSIONS_PURGE_ID;
  const steps: ScriptStep[] = [
    {
      at: '1922-03-07T10:00:00Z',
      actor: p.tsiouroupa,
      command: {
        type: 'decision.register',
        id: DECISION_ID,
        bodyId: BODY.sovnarkom,
        number: '1922-03-07/12',
        date: '1922-03-07',
        title: 'On restricting the commissions of the Council of People\'s Commissars and of the Council of Labour and Defence',
        text:
          'The commissions of the Council and of the Council of Labour and Defence are reduced to those that are necessary. Every other question goes to the ' +
          'commissariat that answers for it, and to the Council with a proposal for which that commissariat answers.',
        assignments: [
          {
            id,
            title: 'Cut the commissions of the Council and of the Council of Labour and Defence to the necessary ones',
            definitionOfDone:
              'Every commission is reviewed; those not necessary are dissolved with their reason and their business handed to the commissariat that answers ' +
              'for it; the list of the commissions kept is submitted.',
            domain: 'administration',
            deadline: '1922-03-21T18:00:00Z',
            ownerId: p.gorbunov,
            verifierId: p.rykov,
            coExecutorIds: [p.mirochnikov],
          },
        ],
      },
    },
    { at: '1922-03-07T15:00:00Z', actor: p.gorbunov, command: { type: 'assignment.accept', assignmentId: id } },
  ];
  let n = 0;
  for (const c of COMMISSIONS) {
    if (c.dissolve === null) continue;
    steps.push({ at: new Date(Date.UTC(1922, 2, 10 + Math.floor(n / 2), 10 + (n % 2) * 4)).toISOString(), actor: p.gorbunov, command: { type: 'committee.dissolve', committeeId: committeeId(c.key), reason: c.dissolve } });
    n += 1;
  }
  steps.push(
    {
      at: '1922-03-20T12:00:00Z',
      actor: p.gorbunov,
      command: {
        type: 'assignment.submit',
        assignmentId: id,
        evidence: [
          documentOf('List of the commissions kept and abolished, 20 March 1922', LIST_TEXT),
          { kind: 'figure', label: 'Commissions before the purge', value: 120 },
          { kind: 'figure', label: 'Commissions found necessary', value: 16 },
          { kind: 'text', text: `In the registry: ${COMMISSIONS.length} commissions, ${n} dissolved, ${COMMISSIONS.length - n} kept.` },
        ],
      },
    },
    { at: '1922-03-21T10:00:00Z', actor: p.rykov, command: { type: 'assignment.verify', assignmentId: id, note: 'Checked against the registry: the dissolved commissions have stopped meeting.' } },
  );
  return steps;
}
