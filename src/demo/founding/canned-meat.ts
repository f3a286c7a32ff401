/**
 * The canned-meat purchase of 1922 (founding document, the political report of 27 March 1922):
 * a decision of the Political Bureau on 11 February, a purchase that stalls for weeks between the
 * Commissariat of Foreign Trade and the Moscow consumers' societies, refused handovers ("sent to
 * the devil", "only before a notary"), escalations to Kamenev and to the Political Bureau, the case
 * taken over by Krassine, and the purchase verified by Gorbunov. The text gives the decision's date,
 * the end of February and the report of 27 March; the other dates are a documented reconstruction.
 */
import { documentOf } from '../evidence.js';
import type { ScriptStep } from '../script.js';
import { BODY, PERSON } from './founding-organisation.js';
import type { FoundingCase } from './founding-case.js';

/** The fixed id of the canned-meat assignment. */
export const CANNED_MEAT_ID = 'asg_canned-meat-1922';

const DECISION_ID = 'dec_pb-1922-02-11-food-imports';

/** The case as the demo presents it. */
export const CANNED_MEAT_CASE: FoundingCase = {
  id: CANNED_MEAT_ID,
  title: 'The canned-meat purchase (Moscow, February–March 1922)',
  story:
    'On 11 February 1922 the Political Bureau, on Kamenev\'s report, resolved to "draw the attention of the People\'s Commissariat of Foreign Trade to the fact ' +
    'that it would be desirable to import food from abroad" («attirer l\'attention du Commissariat du Peuple au Commerce extérieur sur le fait qu\'il serait ' +
    'désirable d\'importer des vivres de l\'étranger»). A French citizen had come to Moscow to sell canned meat; "the ship is at Libau, the canned meat is on ' +
    'board", Soviet currency is accepted and "the money was found" — yet at the end of February Lenin heard a real clamour: «Nous ne pouvons acheter les ' +
    'conserves». Here the purchase is one assignment with one owner, the head of the NKVT import department, a deadline of two weeks, Tsiouroupa as the ' +
    'controller who gets the copy, and Gorbunov, head of the administrative department of the Council of People\'s Commissars ("follow the case, get hold ' +
    'of a paper and show it to me"), as the verifier. The record shows the ball passed to the MPO and back, then refused twice — one responsible ' +
    'communist "sent another to the devil" («envoyé au diable»), another answered "from now on I will speak to you only before a notary" («dorénavant je ' +
    'ne vous parlerai que par devant notaire») — an extension refused, the deadline passed, the MPO running to Kamenev and the controller taking the case ' +
    'to the Political Bureau, until "Krassine arrived, Kamenev spoke to him, the affair was settled and we bought the canned meat": ownership transferred ' +
    'to Krassine, a ten-day extension granted, the contract submitted with its hash and the tonnage in poods, and the purchase verified by Gorbunov before ' +
    'the report of 27 March. Where the seed says "the culprits will remain impossible to find", the hour ledger names who held the case, and for how long. ' +
    'The dates between 11 February, the end of February and 27 March are a reconstruction.',
};

const CONTRACT_TEXT = [
  'Contract for the purchase of canned meat',
  'Between the People\'s Commissariat of Foreign Trade, for the Moscow Consumers\' Societies (MPO), and a French seller.',
  'Goods: canned meat in tins, aboard the ship at Libau, 30,000 poods.',
  'Payment: in Soviet currency, against the bill of lading; customs duties settled by the Commissariat.',
  'Delivery: unloaded at Libau and sent to Moscow by rail for the MPO.',
  'Moscow, 16 March 1922. For the Commissariat: L. B. Krassine.',
].join('\n');

const DECISION_TEXT =
  '«Attirer l\'attention du Commissariat du Peuple au Commerce extérieur sur le fait qu\'il serait désirable d\'importer des vivres de l\'étranger ; ' +
  'en ce qui concerne les droits de douane », etc.\n' +
  'To draw the attention of the People\'s Commissariat of Foreign Trade to the fact that it would be desirable to import food from abroad; as regards ' +
  'the customs duties, etc.';

/** Every command of the case, dated (the organisation of 1922 must exist first). */
export function cannedMeatSteps(): ScriptStep[] {
  const id = CANNED_MEAT_ID;
  const p = PERSON;
  return [
    {
      at: '1922-02-11T15:00:00Z',
      actor: p.ccSecretary,
      command: {
        type: 'decision.register',
        id: DECISION_ID,
        bodyId: BODY.politburo,
        number: '1922-02-11/3',
        date: '1922-02-11',
        title: 'On the import of food from abroad (report of Comrade Kamenev)',
        text: DECISION_TEXT,
        assignments: [
          {
            id,
            title: 'Buy the canned meat offered at Libau for the Moscow consumers\' societies',
            definitionOfDone:
              'The canned meat offered by the French seller (ship at Libau, goods aboard, payment in Soviet currency) is bought: contract signed, ' +
              'customs duties settled, quantity stated in poods, and a copy of the contract shown to the administrative department of the Council ' +
              'of People\'s Commissars.',
            domain: 'foreign-trade',
            deadline: '1922-02-25T15:00:00Z',
            urgency: 'urgent',
            ownerId: p.nkvtImportHead,
            verifierId: p.gorbunov,
            controllerId: p.tsiouroupa,
            coExecutorIds: [p.mpoChair],
          },
        ],
      },
    },
    { at: '1922-02-13T11:00:00Z', actor: p.nkvtImportHead, command: { type: 'assignment.accept', assignmentId: id } },
    {
      at: '1922-02-14T12:00:00Z',
      actor: p.nkvtImportHead,
      command: {
        type: 'assignment.handover.offer',
        assignmentId: id,
        toId: p.mpoPurchasingHead,
        reason: 'The MPO is the buyer: let it bring the seller\'s offer, the certificates for the canned meat and the money. The Commissariat only licenses the import.',
      },
    },
    { at: '1922-02-15T10:00:00Z', actor: p.mpoPurchasingHead, command: { type: 'assignment.handover.accept', assignmentId: id } },
    {
      at: '1922-02-17T16:00:00Z',
      actor: p.mpoPurchasingHead,
      command: {
        type: 'assignment.handover.offer',
        assignmentId: id,
        toId: p.nkvtImportHead,
        reason: 'The offer and the money are ready. The import licence and the customs duties («en ce qui concerne les droits de douane», etc.) are the Commissariat\'s business, not ours.',
      },
    },
    { at: '1922-02-18T11:00:00Z', actor: p.nkvtImportHead, command: { type: 'assignment.handover.accept', assignmentId: id } },
    {
      at: '1922-02-20T10:00:00Z',
      actor: p.nkvtImportHead,
      command: {
        type: 'assignment.handover.offer',
        assignmentId: id,
        toId: p.mpoPurchasingHead,
        reason: 'Send us the MPO\'s order signed by the board, with the currency; until then the Commissariat has nothing to license.',
      },
    },
    {
      at: '1922-02-20T17:00:00Z',
      actor: p.mpoPurchasingHead,
      command: {
        type: 'assignment.handover.refuse',
        assignmentId: id,
        reason: 'Sent to the devil («envoyé au diable»): the order went to the Commissariat a week ago and is lost in its own papers. We will not take this case back.',
      },
    },
    {
      at: '1922-02-22T10:00:00Z',
      actor: p.nkvtImportHead,
      command: { type: 'assignment.handover.offer', assignmentId: id, toId: p.mpoChair, reason: 'Your purchasing section refuses the case; the MPO board must decide whether it buys or not.' },
    },
    {
      at: '1922-02-22T16:00:00Z',
      actor: p.mpoChair,
      command: {
        type: 'assignment.handover.refuse',
        assignmentId: id,
        reason: 'From now on I will speak to you only before a notary («dorénavant je ne vous parlerai que par devant notaire»).',
      },
    },
    {
      at: '1922-02-24T10:00:00Z',
      actor: p.nkvtImportHead,
      command: {
        type: 'assignment.extension.request',
        assignmentId: id,
        deadline: '1922-03-20T15:00:00Z',
        reason: 'The customs duties are not settled and the MPO refuses to take the case: the licence cannot be issued by 25 February.',
      },
    },
    {
      at: '1922-02-25T12:00:00Z',
      actor: p.tsiouroupa,
      command: {
        type: 'assignment.extension.refuse',
        assignmentId: id,
        reason: 'Refused. The ship is at Libau with the canned meat aboard and the seller accepts Soviet currency: the purchase is urgent. Telephone the competent services and send me a copy.',
      },
    },
    {
      at: '1922-02-28T11:00:00Z',
      actor: p.mpoChair,
      command: {
        type: 'assignment.escalate',
        assignmentId: id,
        toId: p.kamenev,
        reason:
          '«Nous ne pouvons acheter les conserves»: the ship is at Libau, the canned meat is aboard, the money is found, and the bureaucratic channel of the Commissariat of Foreign Trade stops everything.',
      },
    },
    {
      at: '1922-03-06T10:00:00Z',
      actor: p.tsiouroupa,
      command: {
        type: 'assignment.escalate',
        assignmentId: id,
        toId: BODY.politburo,
        reason: 'Three weeks after the decision of 11 February nothing is bought; the Commissariat and the MPO send the case to each other. A directive of the Political Bureau is needed.',
      },
    },
    {
      at: '1922-03-08T12:00:00Z',
      actor: p.tsiouroupa,
      command: {
        type: 'assignment.transfer.request',
        assignmentId: id,
        toId: p.krassine,
        reason: 'Comrade Krassine has arrived and Comrade Kamenev has spoken to him: the People\'s Commissar himself answers for the purchase.',
      },
    },
    { at: '1922-03-09T10:00:00Z', actor: p.krassine, command: { type: 'assignment.transfer.accept', assignmentId: id } },
    {
      at: '1922-03-09T11:00:00Z',
      actor: p.krassine,
      command: {
        type: 'assignment.extension.request',
        assignmentId: id,
        deadline: '1922-03-20T15:00:00Z',
        reason: 'The contract with the French seller, the payment in Soviet currency and the unloading at Libau need ten days.',
      },
    },
    { at: '1922-03-09T16:00:00Z', actor: p.tsiouroupa, command: { type: 'assignment.extension.grant', assignmentId: id } },
    {
      at: '1922-03-16T12:00:00Z',
      actor: p.krassine,
      command: {
        type: 'assignment.submit',
        assignmentId: id,
        evidence: [
          documentOf('Contract for the purchase of canned meat, Libau, 16 March 1922', CONTRACT_TEXT),
          { kind: 'figure', label: 'Canned meat bought', value: 30_000, unit: 'poods' },
          { kind: 'text', text: 'Customs duties settled by the Commissariat; the goods leave Libau for Moscow by rail for the MPO.' },
        ],
        note: 'The affair is settled and the canned meat is bought.',
      },
    },
    {
      at: '1922-03-18T11:00:00Z',
      actor: p.gorbunov,
      command: {
        type: 'assignment.verify',
        assignmentId: id,
        note: 'The paper obtained and shown («procurez-vous un papier et montrez-le-moi»): contract and payment seen. Whether the canned meat is not entirely rotten is for the inquiry to tell.',
      },
    },
  ];
}
