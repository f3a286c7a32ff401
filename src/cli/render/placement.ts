/**
 * What `proverka place` prints: the proposal's header and its proof, the posts whose person
 * changes (or every post), and the holders who do not master their post's domain; and the proposal
 * as JSON, the API's fields with the names of what it names.
 */
import type { ProposalView } from '../../app/queries/people-choice.js';
import type { Mismatch, Shortfall } from '../../placement/mismatch.js';
import type { PostProposal } from '../../placement/proposal.js';
import { formatCount, formatInstant, plural } from './format.js';
import { renderTable } from './table.js';

/** Display names by id; an id without one is shown as itself. */
export type Names = ReadonlyMap<string, string>;

/** Points with two decimals and thousands separators (`24,511.79`). */
export function formatPoints(points: number): string {
  return points.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A difference of points with its sign (`+1.25`, `-0.07`, `0.00`). */
function signed(points: number): string {
  const text = formatPoints(Math.abs(points));
  return points > 0 ? `+${text}` : points < 0 ? `-${text}` : text;
}

/** The points a post's proposed person brings. */
function proposedPoints(post: PostProposal): number | null {
  return post.fitness?.points ?? null;
}

/**
 * True when the post's person changes: the person proposed is not its holder (a vacant post
 * filled, a holder replaced, or a holder removed with the post left empty). Their number is
 * `moves` plus the posts left empty that had a holder.
 */
export function personChanges(post: PostProposal): boolean {
  return post.personId !== post.holderId;
}

/** Posts that had a holder and that the proposal leaves empty. */
export function postsLeftEmpty(view: ProposalView): number {
  return view.posts.filter((p) => p.personId === null && p.holderId !== null).length;
}

/** The candidates of the proposal: those placed and those left without a post. */
export function candidatesOf(view: ProposalView): number {
  return view.posts.filter((p) => p.personId !== null).length + view.unplaced.length;
}

/** True when the independent check proved the optimum: no violation, and the dual total equals the objective (to the hundredth). */
export function provenOptimal(view: ProposalView): boolean {
  return view.certificate.violations === 0 && Math.round(view.certificate.dualTotal * 100) === Math.round(view.objective * 100);
}

/** The proof line: proven optimal, or what the check found instead. */
export function proofLine(view: ProposalView): string {
  const { violations, dualTotal } = view.certificate;
  if (provenOptimal(view)) return `proven optimal: dual total = objective, 0 violations (${formatPoints(dualTotal)} points)`;
  return `NOT proven optimal: dual total ${formatPoints(dualTotal)}, objective ${formatPoints(view.objective)}, ${plural(violations, 'violation')}`;
}

/** The lines above the table: what was solved, the totals, stays and moves, and the proof. */
function header(view: ProposalView, names: Names): string[] {
  const left = postsLeftEmpty(view);
  const unplaced = view.unplaced.length;
  const unplacedNames = unplaced > 0 && unplaced <= 5 ? `: ${view.unplaced.map((id) => names.get(id) ?? id).join(', ')}` : '';
  return [
    `Placement proposal as of ${formatInstant(view.asOf)} UTC (computed, not stored)`,
    `  ${plural(view.posts.length, 'post')}, ${plural(candidatesOf(view), 'candidate')}, ${plural(view.allowedPairs, 'allowed pair')} (${view.kind})`,
    `  total ${formatPoints(view.total)} points; the holders now ${formatPoints(view.holdersTotal)} (${signed(view.total - view.holdersTotal)})`,
    `  objective ${formatPoints(view.objective)} = the total + ${formatPoints(view.moveCost)} points of move cost for each holder who stays`,
    `  ${formatCount(view.stays)} stay, ${formatCount(view.moves)} move${left > 0 ? `, ${plural(left, 'post')} left empty` : ''}; ${plural(unplaced, 'candidate')} without a post${unplacedNames}`,
    `  ${proofLine(view)}`,
  ];
}

/** How much the post gains by the change: the proposed person's points less the holder's (0 for either when absent). */
function gainOf(post: PostProposal): number {
  return (proposedPoints(post) ?? 0) - (post.holderPoints ?? 0);
}

/** The values of a post's row, after its title: proposed, points, holder, points, gain, runner-up, loss. */
function postValues(p: PostProposal, names: Names): string[] {
  const name = (id: string | null, none: string): string => (id === null ? none : (names.get(id) ?? id));
  const points = (x: number | null): string => (x === null ? '-' : x.toFixed(2));
  const runnerUp = p.pinned ? '(pinned)' : p.runnerUp === null ? '-' : name(p.runnerUp.personId, '(empty)');
  const loss = p.runnerUp?.loss ?? null;
  return [name(p.personId, '(left empty)'), points(proposedPoints(p)), name(p.holderId, '(vacant)'), points(p.holderPoints), signed(p.gainOverHolder ?? gainOf(p)), runnerUp, loss === null ? '-' : loss.toFixed(2)];
}

/** Where a post's title starts (its values follow on the next line, indented further). */
export const POST_INDENT = '  ';
/** Where a post's values start. */
export const VALUES_INDENT = '    ';

/**
 * The posts table, two lines a post so that long titles stay whole at 100 columns: the post's
 * title, then under it the person proposed, their points, the holder, theirs, the gain, the
 * runner-up (who would take the post without the person proposed) and what the total would lose.
 */
function postsTable(posts: readonly PostProposal[], names: Names): string[] {
  const [head = '', ...rows] = renderTable(
    [
      { header: 'proposed', max: 20 },
      { header: 'pts', align: 'right' },
      { header: 'holder', max: 20 },
      { header: 'pts', align: 'right' },
      { header: 'gain', align: 'right' },
      { header: 'runner-up', max: 20 },
      { header: 'loss', align: 'right' },
    ],
    posts.map((p) => postValues(p, names)),
    VALUES_INDENT,
  );
  return [`${POST_INDENT}post`, head, ...posts.flatMap((p, i) => [`${POST_INDENT}${names.get(p.postId) ?? p.postId}`, rows[i] ?? ''])];
}

const KEY_WORDS: Readonly<Record<Shortfall['key'], string>> = { firstTime: 'first-time', onTime: 'on-time', reopened: 'reopened', escalated: 'escalated' };

/** What to learn: the short rates, by domain (`housing: first-time, on-time; roads: reopened`). */
export function toLearn(shortfalls: readonly Shortfall[]): string {
  const byDomain = new Map<string, string[]>();
  for (const s of shortfalls) {
    const keys = byDomain.get(s.domain);
    if (keys === undefined) byDomain.set(s.domain, [KEY_WORDS[s.key]]);
    else keys.push(KEY_WORDS[s.key]);
  }
  return [...byDomain].map(([domain, keys]) => `${domain}: ${keys.join(', ')}`).join('; ');
}

/** The mismatches, three lines each: the person and the post they hold (with their points), what to learn, and the better post. */
export function renderMismatches(items: readonly Mismatch[], names: Names): string[] {
  if (items.length === 0) return ["No holder falls short of their post's main domain beyond the uncertainty of their record."];
  const name = (id: string): string => names.get(id) ?? id;
  return [
    `Mismatches (${formatCount(items.length)}): holders whose record shows, beyond its uncertainty, that they do not master their post's domain`,
    ...items.flatMap((m) => [
      `${POST_INDENT}${name(m.personId)} — ${name(m.postId)} (${m.points.toFixed(2)} points)`,
      `${VALUES_INDENT}to learn: ${toLearn(m.shortfalls)}`,
      `${VALUES_INDENT}better post: ${m.better === null ? 'none where their record says they would deliver more' : `${name(m.better.postId)} (${m.better.points.toFixed(2)} points)`}`,
    ]),
  ];
}

/**
 * The whole text of `place`: the header with the proof line, then the posts whose person changes
 * (every post with `all`), largest gain first, then the mismatches.
 */
export function renderPlacementText(view: ProposalView, mismatches: readonly Mismatch[], names: Names, options: { readonly all?: boolean } = {}): string[] {
  const shown = options.all === true ? view.posts : view.posts.filter(personChanges);
  const sorted = [...shown].sort((a, b) => gainOf(b) - gainOf(a) || (names.get(a.postId) ?? a.postId).localeCompare(names.get(b.postId) ?? b.postId));
  const title = options.all === true ? `Every post (${formatCount(sorted.length)}), largest gain first:` : `Posts whose person changes (${formatCount(sorted.length)}), largest gain first:`;
  return [
    ...header(view, names),
    '',
    ...(sorted.length === 0 ? ['No post changes its person.'] : [title, ...postsTable(sorted, names)]),
    '',
    ...renderMismatches(mismatches, names),
  ];
}

/** The proposal as JSON: the API's fields, with `names` for the posts and people it names. */
export function placementJson(view: ProposalView, names: Names): Record<string, unknown> {
  return { ...view, names: Object.fromEntries(names) };
}

/** Every id the proposal names: posts, proposed people, holders, runners-up and the unplaced. */
export function idsOfProposal(view: ProposalView): string[] {
  const ids = view.posts.flatMap((p) => [p.postId, p.personId, p.holderId, p.runnerUp?.personId ?? null]);
  return [...new Set([...ids, ...view.unplaced].filter((id): id is string => id !== null))];
}

/** Every id the mismatches name: people, the posts they hold and the better posts. */
export function idsOfMismatches(items: readonly Mismatch[]): string[] {
  return [...new Set(items.flatMap((m) => [m.personId, m.postId, ...(m.better === null ? [] : [m.better.postId])]))];
}
