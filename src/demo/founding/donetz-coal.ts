/**
 * The Donetz coal basin (founding document): the Central Committee tells the Central Directorate of
 * the Coal Industry to keep its leading group and to submit "even the minor conflicts" with the
 * Kimka. The report comes back once, rejected with reasons, is reworked under an extension, and is
 * verified by Ordjonikidze, whom the Central Committee sent there. Dates are a reconstruction.
 */
import { documentOf } from '../evidence.js';
import type { ScriptStep } from '../script.js';
import type { FoundingCase } from './founding-case.js';
import { BODY, PERSON } from './founding-organisation.js';

/** The fixed id of the Donetz assignment. */
export const DONETZ_COAL_ID = 'asg_donetz-coal-1922';

const DECISION_ID = 'dec_pb-1922-01-18-donetz';
const KIMKA_ID = 'cmt_1922-kimka';

/** The case as the demo presents it. */
export const DONETZ_COAL_CASE: FoundingCase = {
  id: DONETZ_COAL_ID,
  title: 'The Donetz coal-basin directorate (January–March 1922)',
  story:
    'The seed calls the Donetz basin "the centre, the real base of our whole economy" and tells how the Central Committee, seeing "friction and ' +
    'divergences" between the Central Directorate of the Coal Industry and the Kimka (the Commission for the Exploitation of Small Mines), decided ' +
    'unanimously: «Gardez ce groupe ; soumettez-nous, au Comité central, même les menus conflits» — "keep this group; submit to us even the minor ' +
    'conflicts". Here that directive is an assignment owned by the head of the Directorate, with the Kimka\'s chairman as co-executor and Ordjonikidze ' +
    '("I asked Comrade Ordjonikidze, and the Central Committee charged him too, to go there and see what had happened") as the verifier. The first report ' +
    'is rejected with reasons — it settles the friction by administrative order alone (the group "administered to excess") and submits no minor conflict ' +
    'at all; it is reworked under a granted extension, resubmitted with every conflict, and verified. In the seed the group was replaced all the same: ' +
    '"all our political power and all the authority of the Central Committee proved insufficient" — a verified report is not yet a verified result. ' +
    'Dates are a reconstruction.',
};

const FIRST_REPORT = [
  'Report of the Central Directorate of the Coal Industry to the Central Committee, 10 February 1922',
  'The Directorate has ordered the Kimka to place the small mines under the district administrations of the Directorate.',
  'The dispute over the leases of small mines is closed by that order.',
  'No conflict remains to be submitted to the Central Committee.',
].join('\n');

const SECOND_REPORT = [
  'Report of the Central Directorate of the Coal Industry to the Central Committee, revised, 3 March 1922',
  'Seven conflicts with the Kimka, each with its date, its mines, the positions of both sides and of the mine committees:',
  '1. Leases of small mines in the Bakhmut district. 2. Pit props. 3. Food for the miners of leased pits. 4. Wagons at the sidings.',
  '5. Pumps lent to the small mines. 6. Prices of coal sold by the Kimka. 7. Transfer of workers between pits.',
  'The order of 10 February is withdrawn; the leading group of the Directorate stays in place; every new friction is reported to the Central Committee.',
].join('\n');

/** Every command of the case, dated (the organisation of 1922 must exist first). */
export function donetzCoalSteps(): ScriptStep[] {
  const id = DONETZ_COAL_ID;
  const p = PERSON;
  return [
    {
      at: '1922-01-03T12:00:00Z',
      actor: p.vsnkhChair,
      command: {
        type: 'committee.create',
        id: KIMKA_ID,
        name: 'Commission for the Exploitation of Small Mines (Kimka)',
        mandate: 'Lease out and exploit the small mines of the Donetz basin.',
        chairId: p.kimkaChair,
        memberIds: [],
        sunset: '1922-12-31',
        bodyId: BODY.sto,
      },
    },
    {
      at: '1922-01-18T14:00:00Z',
      actor: p.ccSecretary,
      command: {
        type: 'decision.register',
        id: DECISION_ID,
        bodyId: BODY.politburo,
        number: '1922-01-18/5',
        date: '1922-01-18',
        title: 'On the Donetz basin: the Central Directorate of the Coal Industry and the Kimka',
        text:
          '«Gardez ce groupe ; soumettez-nous, au Comité central, même les menus conflits, car le bassin du Donetz n\'est pas une région quelconque.»\n' +
          'Keep this group; submit to us, to the Central Committee, even the minor conflicts, for the Donetz basin is not just any region.',
        assignments: [
          {
            id,
            title: 'Report every conflict between the Coal Directorate and the Kimka to the Central Committee, and settle them without removing the leading group',
            definitionOfDone:
              'A report to the Central Committee giving every conflict between the Directorate and the Kimka with its details, the Kimka\'s side and the mine ' +
              'committees heard, and the measures taken; the leading group of the Directorate kept in place.',
            domain: 'coal',
            deadline: '1922-02-15T18:00:00Z',
            ownerId: p.coalHead,
            verifierId: p.ordjonikidze,
            coExecutorIds: [p.kimkaChair],
          },
        ],
      },
    },
    { at: '1922-01-20T10:00:00Z', actor: p.coalHead, command: { type: 'assignment.accept', assignmentId: id } },
    {
      at: '1922-02-10T12:00:00Z',
      actor: p.coalHead,
      command: {
        type: 'assignment.submit',
        assignmentId: id,
        evidence: [
          documentOf('Report of the Central Directorate of the Coal Industry, 10 February 1922', FIRST_REPORT),
          { kind: 'figure', label: 'Minor conflicts submitted to the Central Committee', value: 0 },
        ],
      },
    },
    {
      at: '1922-02-14T16:00:00Z',
      actor: p.ordjonikidze,
      command: {
        type: 'assignment.reject',
        assignmentId: id,
        reasons: [
          'The friction with the Kimka is settled by an administrative order alone: the Directorate has "administered to excess".',
          'The Central Committee required unanimously: "submit to us even the minor conflicts". The report submits none.',
          'Neither the Kimka nor the mine committees were heard.',
        ],
      },
    },
    {
      at: '1922-02-16T10:00:00Z',
      actor: p.coalHead,
      command: {
        type: 'assignment.extension.request',
        assignmentId: id,
        deadline: '1922-03-10T18:00:00Z',
        reason: 'Comrade Ordjonikidze\'s reasons require hearing the Kimka and the mine committees on the spot, district by district.',
      },
    },
    { at: '1922-02-17T12:00:00Z', actor: p.ccSecretary, command: { type: 'assignment.extension.grant', assignmentId: id } },
    {
      at: '1922-03-03T12:00:00Z',
      actor: p.coalHead,
      command: {
        type: 'assignment.submit',
        assignmentId: id,
        evidence: [
          documentOf('Report of the Central Directorate of the Coal Industry, revised, 3 March 1922', SECOND_REPORT),
          { kind: 'figure', label: 'Minor conflicts submitted to the Central Committee', value: 7 },
          { kind: 'text', text: 'The order of 10 February is withdrawn; the Kimka and the mine committees were heard in the Bakhmut and Yuzovka districts.' },
        ],
      },
    },
    {
      at: '1922-03-08T10:00:00Z',
      actor: p.ordjonikidze,
      command: { type: 'assignment.verify', assignmentId: id, note: 'Seen on the spot at the Central Committee\'s request: every conflict is reported and the leading group is kept.' },
    },
  ];
}
