/**
 * Every translation, by language and namespace. A page's namespace lives in `en/<page>.json` and
 * `fr/<page>.json`; the French file must have every key of the English one (a test checks).
 */
import enActions from './en/actions.json';
import enBoard from './en/board.json';
import enCase from './en/case.json';
import enCommon from './en/common.json';
import enDesk from './en/desk.json';
import enInquiry from './en/inquiry.json';
import enMainLink from './en/mainlink.json';
import enPeople from './en/people.json';
import enProcessMap from './en/processmap.json';
import enRegister from './en/register.json';
import enScorecards from './en/scorecards.json';
import enStalls from './en/stalls.json';
import frActions from './fr/actions.json';
import frBoard from './fr/board.json';
import frCase from './fr/case.json';
import frCommon from './fr/common.json';
import frDesk from './fr/desk.json';
import frInquiry from './fr/inquiry.json';
import frMainLink from './fr/mainlink.json';
import frPeople from './fr/people.json';
import frProcessMap from './fr/processmap.json';
import frRegister from './fr/register.json';
import frScorecards from './fr/scorecards.json';
import frStalls from './fr/stalls.json';

/** The bundled translations. */
export const resources = {
  en: { common: enCommon, desk: enDesk, board: enBoard, case: enCase, register: enRegister, inquiry: enInquiry, actions: enActions, people: enPeople, mainlink: enMainLink, processmap: enProcessMap, scorecards: enScorecards, stalls: enStalls },
  fr: { common: frCommon, desk: frDesk, board: frBoard, case: frCase, register: frRegister, inquiry: frInquiry, actions: frActions, people: frPeople, mainlink: frMainLink, processmap: frProcessMap, scorecards: frScorecards, stalls: frStalls },
} as const;
