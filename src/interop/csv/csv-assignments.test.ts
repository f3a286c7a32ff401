import { describe, expect, it } from 'vitest';
import { assignmentColumns, assignmentRow, type AssignmentColumns } from './csv-assignments.js';

const header = (fields: string[]): { line: number; fields: string[] } => ({ line: 1, fields });
const FULL = ['decision', 'title', 'definition_of_done', 'domain', 'deadline', 'owner', 'verifier', 'controller', 'co_executors', 'urgency', 'parent'];

function columns(fields = FULL): AssignmentColumns {
  const c = assignmentColumns(header(fields));
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c.value;
}

describe('assignmentColumns', () => {
  it('accepts the columns in any order and spelling of case, spaces or dashes', () => {
    const c = columns(['Owner', 'Verifier', 'Definition of done', 'title', 'DOMAIN', 'deadline', 'decision', 'co-executors']);
    expect(c).toMatchObject({ width: 8, owner: 0, verifier: 1, definition_of_done: 2, title: 3, domain: 4, deadline: 5, decision: 6, co_executors: 7 });
  });

  it('names every missing, unknown or duplicated column as an error of line 1', () => {
    const c = assignmentColumns(header(['decision', 'title', 'title', 'verifer', 'deadline', 'owner', 'domain']));
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.errors.map((e) => [e.line, e.code, e.message.match(/definition_of_done|verifier|verifer|title/)?.[0]])).toEqual([
      [1, 'COLUMN_DUPLICATED', 'title'],
      [1, 'COLUMN_UNKNOWN', 'verifer'],
      [1, 'COLUMN_MISSING', 'definition_of_done'],
      [1, 'COLUMN_MISSING', 'verifier'],
    ]);
  });
});

describe('assignmentRow', () => {
  it('makes the spec of an assignment: a date alone is the end of that day in UTC, co-executors split on ;', () => {
    const r = assignmentRow(columns(), { line: 4, fields: ['dec_a', ' Title ', 'done', 'food', '2030-01-01', 'per_o', 'per_v', 'per_c', 'per_x; per_y;', 'Urgent', 'asg_p'] });
    expect(r).toEqual({
      ok: true,
      value: { decisionId: 'dec_a', title: 'Title', definitionOfDone: 'done', domain: 'food', deadline: '2030-01-01T23:59:59.999Z', ownerId: 'per_o', verifierId: 'per_v', controllerId: 'per_c', coExecutorIds: ['per_x', 'per_y'], urgency: 'urgent', parentId: 'asg_p' },
    });
  });

  it('leaves empty cells out for the rules to judge, and keeps an unreadable deadline as written', () => {
    const r = assignmentRow(columns(), { line: 5, fields: ['dec_a', '', '', '', 'next week', '', '', '', '', '', ''] });
    expect(r).toEqual({ ok: true, value: { decisionId: 'dec_a', title: '', definitionOfDone: '', deadline: 'next week', coExecutorIds: [], urgency: 'normal' } });
  });

  it('refuses a row of another width and an unknown urgency, naming the line', () => {
    expect(assignmentRow(columns(), { line: 6, fields: ['dec_a'] })).toMatchObject({ ok: false, error: { line: 6, code: 'FIELD_COUNT' } });
    expect(assignmentRow(columns(), { line: 7, fields: ['dec_a', 't', 'd', 'x', '2030-01-01', 'per_o', 'per_v', '', '', 'soon', ''] })).toMatchObject({ ok: false, error: { line: 7, code: 'URGENCY_INVALID' } });
  });
});
