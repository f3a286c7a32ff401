/**
 * Accessibility checks with axe-core (@axe-core/playwright) against WCAG 2.0 A and AA and WCAG
 * 2.1 AA: the violations that matter here are the serious and critical ones, said readably (rule,
 * what it means, where on the page) so that a failing test names what to fix.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The rules checked. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'] as const;

/** One rule broken on a page. */
export interface Violation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly helpUrl: string;
  /** Where: a selector and the offending HTML, per element. */
  readonly nodes: readonly { readonly target: string; readonly html: string; readonly summary: string }[];
}

/** The serious and critical WCAG violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).withTags([...WCAG_TAGS]).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), html: n.html, summary: n.failureSummary ?? '' })),
    }));
}

/** The violations as text for an assertion message: one paragraph per rule, up to 5 elements each. */
export function describeViolations(where: string, violations: readonly Violation[]): string {
  if (violations.length === 0) return `${where}: no serious or critical violation`;
  const parts = violations.map((v) => {
    const nodes = v.nodes.slice(0, 5).map((n) => `    at ${n.target}\n      ${n.html.slice(0, 200)}\n      ${n.summary.replace(/\n/g, '\n      ')}`);
    const more = v.nodes.length > 5 ? [`    …and ${v.nodes.length - 5} more`] : [];
    return [`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`, ...nodes, ...more].join('\n');
  });
  return `${where}: ${violations.length} serious or critical accessibility violation(s)\n${parts.join('\n')}`;
}
