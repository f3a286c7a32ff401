/**
 * What the writer processes of the crash and race tests print, one JSON line per result, and who
 * they act as. No test-runner imports here: the writer script runs outside the runner.
 */

/** The person the writers act as: the owner of every assignment the record setup issues. */
export const WRITER_ACTOR = 'per_krasin';
/** Where the writers escalate to: a body of the standard organisation. */
export const ESCALATION_TARGET = 'body_sto';

/** One line a writer prints. */
export type WriterLine =
  | { readonly ready: true }
  | { readonly ok: true; readonly stream: string; readonly seq: number; readonly hash: string }
  | { readonly ok: false; readonly stream: string; readonly code: string }
  | { readonly error: string };

/** An append a writer acknowledged: `execute` returned ok with this event. */
export interface Acknowledged {
  readonly stream: string;
  readonly seq: number;
  readonly hash: string;
}

/** Parses a line a writer printed; throws on anything else (a torn or foreign line is a test failure). */
export function parseWriterLine(line: string): WriterLine {
  const v = JSON.parse(line) as Record<string, unknown>;
  if (v['ready'] === true) return { ready: true };
  if (v['ok'] === true && typeof v['stream'] === 'string' && typeof v['seq'] === 'number' && typeof v['hash'] === 'string') return { ok: true, stream: v['stream'], seq: v['seq'], hash: v['hash'] };
  if (v['ok'] === false && typeof v['stream'] === 'string' && typeof v['code'] === 'string') return { ok: false, stream: v['stream'], code: v['code'] };
  if (typeof v['error'] === 'string') return { error: v['error'] };
  throw new Error(`not a writer line: ${line}`);
}
