/** The words the generated city is made of: names of people and places, and the reasons people give. */

/** First names of the city's staff. */
export const FIRST_NAMES = [
  'Anna', 'Marek', 'Sofia', 'Daniel', 'Elena', 'Tomás', 'Ingrid', 'Samuel', 'Leila', 'Viktor', 'Maria', 'Jonas', 'Aisha', 'Pavel', 'Clara', 'Rafael',
  'Nadia', 'Oskar', 'Helena', 'Ibrahim', 'Julia', 'Mateo', 'Irina', 'Lukas', 'Fatima', 'Henrik', 'Olga', 'Noah', 'Camille', 'Dmitri', 'Sara', 'Emil',
  'Vera', 'Karim', 'Lena', 'Andrei', 'Marta', 'Felix', 'Zofia', 'Hugo', 'Ewa', 'Milan', 'Nora', 'Stefan', 'Yara', 'Anton', 'Lucía', 'Igor',
  'Hanna', 'Omar', 'Greta', 'Pierre', 'Alina', 'Jakub', 'Mirela', 'Tobias',
] as const;

/** Family names of the city's staff. */
export const LAST_NAMES = [
  'Novak', 'Lindqvist', 'Moreau', 'Kowalski', 'Petrov', 'García', 'Haddad', 'Schmidt', 'Rossi', 'Horvat', 'Nielsen', 'Dubois', 'Ivanova', 'Costa',
  'Fischer', 'Mendes', 'Kovács', 'Berg', 'Popescu', 'Santos', 'Weber', 'Marin', 'Jansen', 'Sokolova', 'Laurent', 'Nowak', 'Ferreira', 'Hoffmann',
  'Rahman', 'Varga', 'Olsen', 'Bianchi', 'Volkov', 'Romero', 'Keller', 'Lambert', 'Wójcik', 'Eriksen', 'Greco', 'Demir', 'Popov', 'Svensson',
  'Ortega', 'Brandt', 'Marković', 'Leclerc', 'Yilmaz', 'Kuznetsova', 'Fontaine', 'Becker', 'Lund', 'Moretti', 'Pavlović', 'Aziz', 'Vogel', 'Richter',
] as const;

/** Streets of Northbridge. */
export const STREETS = [
  'Harbour Road', 'Mill Street', 'Station Avenue', 'Chestnut Lane', 'Riverside Embankment', 'Market Square', 'Foundry Street', 'Linden Avenue',
  'Bridge Street', 'Quarry Road', 'Orchard Row', 'Tanners Lane', 'Canal Street', 'Victory Avenue', 'Hill Terrace', 'Ropewalk', 'Granary Street',
  'Elm Grove', 'Lighthouse Road', 'Weavers Street', 'North Ring', 'South Ring', 'Cathedral Close', 'Brewery Lane', 'Airport Road', 'Ferry Street',
  'Kiln Street', 'Meadow Way', 'School Street', 'Salt Street', 'Tram Depot Road', 'Observatory Hill', 'Poplar Avenue', 'Shipyard Road', 'Garden Street',
  'Old Town Wall', 'Fishermen Quay', 'Printers Lane', 'University Avenue', 'Willow Street',
] as const;

/** Districts of Northbridge. */
export const DISTRICTS = ['Old Town', 'Harbourside', 'Millbrook', 'North Heights', 'Eastfield', 'Riverside', 'Southgate', 'Westmoor', 'Canal Quarter', 'Hillcrest'] as const;

/** Parks of Northbridge. */
export const PARKS = ['Central Park', 'Riverside Park', 'Victory Park', 'the Botanical Garden', 'Millbrook Woods', 'Harbour Green', 'Eastfield Park', 'Hillcrest Gardens'] as const;

/** Why a holder offers the case to someone else. */
export const HANDOVER_REASONS = [
  'Their division maintains this asset; the crew is theirs.',
  'The budget line for this work sits with them.',
  'It needs the permit they issue; they should carry it from here.',
  'They have a team on site this week.',
  'The contractor reports to them under the framework contract.',
  'The residents\' complaint was registered with their service.',
] as const;

/** Why a recipient refuses a handover. */
export const HANDOVER_REFUSALS = [
  'Not our asset: check the register before sending it around.',
  'No budget line for this in our division.',
  'We were never consulted on this decision; the owner answers for it.',
  'Wrong addressee: this belongs to the owner\'s own department.',
  'We are on emergency works all week and cannot take it.',
  'Send the documents first; we do not take a case without them.',
] as const;

/** Why a holder hands the case back to its owner. */
export const HANDBACK_REASONS = ['Our part is done; back to the owner to finish and submit.', 'Works on our side completed; the owner closes the case.'] as const;

/** Why ownership is moved to someone else. */
export const TRANSFER_REASONS = [
  'The owner is on leave until after the deadline.',
  'Reassigned to the specialist who covers this district.',
  'The owner holds too many overdue cases; the work is rebalanced.',
  'The task turned out to belong to another division.',
] as const;

/** Why a proposed owner refuses ownership. */
export const TRANSFER_REFUSALS = [
  'I have no authority over this asset.',
  'I already own a dozen cases due this month; I cannot answer for one more.',
  'The division named in the decision is not mine.',
] as const;

/** Why more time is asked for. */
export const EXTENSION_REASONS = [
  'The contractor\'s delivery slipped by two weeks.',
  'Waiting for the permit from Urban Planning.',
  'The tender had to be re-run: no valid bids.',
  'Works cannot be done in heavy rain; the weather window moved.',
  'The budget reallocation waits for the council\'s vote.',
  'The residents asked for the works to avoid the school holidays.',
] as const;

/** Why more time is refused. */
export const EXTENSION_REFUSALS = [
  'The deadline was set by the decision; there are no grounds to move it.',
  'Refused: the delay is within your own division\'s control.',
  'Refused: the date was promised to the residents in public.',
  'Refused: request it with the contractor\'s letter, not on your word.',
] as const;

/** Why submitted work is rejected. */
export const REJECTION_REASONS = [
  'The act of completion is not signed by the contractor.',
  'The figures in the report do not match the photographs.',
  'The residents\' confirmation is missing.',
  'The work covers only part of the address list.',
  'No evidence that the defect was removed: bring the inspection record.',
  'The report restates the plan; it does not show the result.',
  'The cost exceeds the approved estimate without justification.',
] as const;

/** Why verified work is reopened. */
export const REOPEN_REASONS = [
  'Residents report that the defect is back.',
  'The random re-check found the work incomplete.',
  'The contractor\'s act turned out to cover a different address.',
  'The figure reported was not confirmed by the meter readings.',
] as const;

/** Why an assignment is cancelled. */
export const CANCEL_REASONS = [
  'Superseded by a later decision of the executive committee.',
  'Funding withdrawn in the budget revision.',
  'Duplicate of another assignment on the same address.',
  'The asset was handed over to the regional authority.',
] as const;

/** Why an owner raises a blocked case themselves. */
export const BLOCKED_REASONS = [
  'Blocked: the other department has not answered for two weeks.',
  'Blocked: the contractor does not come to the site and ignores our letters.',
  'Blocked: the permit is stuck with no date given.',
] as const;

/** The parts a head breaks a task into when issuing sub-assignments. */
export const SUB_TASKS = [
  { title: 'survey and estimate', done: 'Site surveyed and the estimate approved.' },
  { title: 'contractor and materials', done: 'Contractor engaged and materials on site.' },
  { title: 'notice to residents', done: 'Residents notified in writing and on the website.' },
  { title: 'acceptance and report', done: 'Works accepted with the act signed and the photographs filed.' },
] as const;
