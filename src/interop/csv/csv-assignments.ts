/**
 * Assignments from a spreadsheet (issue #7): a CSV whose header names the columns decision, title,
 * definition_of_done, domain, deadline, owner, verifier and optionally controller, co_executors
 * (ids separated by `;`), urgency (normal or urgent) and parent (an existing assignment's id);
 * names are read without regard to case, and spaces or dashes count as underscores. Each row
 * becomes the spec of one assignment to issue; what the rules require (an owner, a verifier who is
 * not the owner, a deadline after now …) is left to the application, which refuses with its own
 * codes. Here only what the file itself gets wrong is refused: a required column missing or an
 * unknown one in the header (line 1), a row with another number of fields, an unknown urgency.
 */
import { readCsvInstant } from './csv-instant.js';
import { fieldCountError, type CsvRow, type CsvRowError } from './csv-rows.js';

/** The columns the header must name. */
export const REQUIRED_ASSIGNMENT_COLUMNS = ['decision', 'title', 'definition_of_done', 'domain', 'deadline', 'owner', 'verifier'] as const;
/** The columns the header may name. */
export const OPTIONAL_ASSIGNMENT_COLUMNS = ['controller', 'co_executors', 'urgency', 'parent'] as const;

type Column = (typeof REQUIRED_ASSIGNMENT_COLUMNS)[number] | (typeof OPTIONAL_ASSIGNMENT_COLUMNS)[number];

/** One row as the assignment it asks for: the fields of an `assignment.issue` command (empty cells left out, for the rules to judge). */
export interface AssignmentRowSpec {
  readonly decisionId: string;
  readonly title: string;
  readonly definitionOfDone: string;
  /** Absent when empty: the application's default domain (general). */
  readonly domain?: string;
  /** The canonical UTC instant; the text as written when it is not ISO-8601 (the rules refuse it, DEADLINE_INVALID); absent when empty. */
  readonly deadline?: string;
  readonly ownerId?: string;
  readonly verifierId?: string;
  readonly controllerId?: string;
  readonly coExecutorIds: readonly string[];
  readonly urgency: 'normal' | 'urgent';
  readonly parentId?: string;
}

/** Where each column is in the file, once the header is accepted. */
export type AssignmentColumns = { readonly width: number } & Readonly<Partial<Record<Column, number>>>;

const KNOWN = new Set<string>([...REQUIRED_ASSIGNMENT_COLUMNS, ...OPTIONAL_ASSIGNMENT_COLUMNS]);

/** A header name as compared: trimmed, lower-case, spaces and dashes as underscores. */
function normalName(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Reads the header: where each column is, or the errors of line 1 (COLUMN_MISSING, COLUMN_UNKNOWN, COLUMN_DUPLICATED). */
export function assignmentColumns(header: CsvRow): { readonly ok: true; readonly value: AssignmentColumns } | { readonly ok: false; readonly errors: readonly CsvRowError[] } {
  const errors: CsvRowError[] = [];
  const at: Partial<Record<Column, number>> = {};
  header.fields.forEach((f, i) => {
    const name = normalName(f);
    if (!KNOWN.has(name)) errors.push({ line: header.line, code: 'COLUMN_UNKNOWN', message: `the header's column ${i + 1} ${JSON.stringify(f)} is not one of ${[...KNOWN].join(', ')}` });
    else if (at[name as Column] !== undefined) errors.push({ line: header.line, code: 'COLUMN_DUPLICATED', message: `the header names the column ${name} twice` });
    else at[name as Column] = i;
  });
  for (const c of REQUIRED_ASSIGNMENT_COLUMNS) if (at[c] === undefined) errors.push({ line: header.line, code: 'COLUMN_MISSING', message: `the header has no column ${c}` });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { width: header.fields.length, ...at } };
}

/** One row as an assignment spec, or the row's error (FIELD_COUNT, URGENCY_INVALID). */
export function assignmentRow(columns: AssignmentColumns, row: CsvRow): { readonly ok: true; readonly value: AssignmentRowSpec } | { readonly ok: false; readonly error: CsvRowError } {
  const wrongWidth = fieldCountError(row, columns.width);
  if (wrongWidth !== null) return { ok: false, error: wrongWidth };
  const cell = (c: Column): string => {
    const i = columns[c];
    return i === undefined ? '' : (row.fields[i] ?? '').trim();
  };
  const given = (c: Column): string | undefined => (cell(c) === '' ? undefined : cell(c));
  const urgency = cell('urgency').toLowerCase();
  if (urgency !== '' && urgency !== 'normal' && urgency !== 'urgent') return { ok: false, error: { line: row.line, code: 'URGENCY_INVALID', message: `the urgency ${JSON.stringify(cell('urgency'))} is neither normal nor urgent` } };
  const deadline = given('deadline');
  const [ownerId, verifierId, controllerId, parentId] = [given('owner'), given('verifier'), given('controller'), given('parent')];
  return {
    ok: true,
    value: {
      decisionId: cell('decision'),
      title: cell('title'),
      definitionOfDone: cell('definition_of_done'),
      ...(given('domain') === undefined ? {} : { domain: cell('domain') }),
      ...(deadline === undefined ? {} : { deadline: readCsvInstant(deadline, 'end-of-day') ?? deadline }),
      ...(ownerId === undefined ? {} : { ownerId }),
      ...(verifierId === undefined ? {} : { verifierId }),
      ...(controllerId === undefined ? {} : { controllerId }),
      coExecutorIds: cell('co_executors')
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      urgency: urgency === 'urgent' ? 'urgent' : 'normal',
      ...(parentId === undefined ? {} : { parentId }),
    },
  };
}
