/** What the main-link page computes from an answer of GET /main-link: whole hours, names, the evidence of a row. */
import type { z } from 'zod';
import type { mainLinkSchema } from '../../../../src/http/routes/main-link.schemas.js';

/** The answer of GET /main-link, inferred from the server's schema (a type only: nothing of the server is bundled). */
export type MainLink = z.infer<typeof mainLinkSchema>;

/** The kinds of ranking, in the page's order. */
export const LINK_KINDS = ['persons', 'units', 'steps'] as const;
/** One kind of ranking. */
export type LinkKind = (typeof LINK_KINDS)[number];
/** A row of a ranking. */
export type LinkRow = MainLink['persons']['rows'][number];
/** An evidence case. */
export type LinkCase = MainLink['cases'][number];

const HOUR = 3_600_000;

/** Whole hours of a duration in ms, truncated (as the CLI prints them). */
export function wholeHours(ms: number): number {
  return Math.floor(ms / HOUR);
}

/** The name of a person or unit of the answer ('' is a holder with no unit recorded: null). */
export function nameOf(m: MainLink, id: string): string | null {
  return id === '' ? null : (m.names[id] ?? id);
}

/** The evidence cases of a row, in its order. */
export function evidenceOf(m: MainLink, row: LinkRow): LinkCase[] {
  const byId = new Map(m.cases.map((c) => [c.caseId, c]));
  return row.caseIds.flatMap((id) => {
    const c = byId.get(id);
    return c === undefined ? [] : [c];
  });
}
