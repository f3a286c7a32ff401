/**
 * A placement proposal as the page shows it: the summary (the total proposed against the holders'
 * total now, stays, moves, posts left empty, candidates left over) with the proof of optimality,
 * then the table of the posts whose person changes and of those the proposal's constraints name —
 * or of every post, those first — each row with its constraint buttons.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { Empty } from '../../ui/states.js';
import { changes, emptied, listedPosts } from './peopleModel.js';
import type { Constraint } from './placementConstraints.js';
import { PlacementTable } from './PlacementTable.js';
import { useRates } from './rates.js';

/** Two totals in points are equal when they differ by less than half a hundredth (they are sums of hundredths). */
const same = (a: number, b: number): boolean => Math.abs(a - b) < 0.005;

/**
 * The summary and the table of one proposal; `constrained`: the posts its constraints name (listed
 * even when their person does not change); `constraints`: those chosen for the next proposal.
 */
export function PlacementResult({
  proposal,
  constrained,
  constraints,
  onToggle,
}: {
  readonly proposal: Proposal;
  readonly constrained: ReadonlySet<string>;
  readonly constraints: readonly Constraint[];
  readonly onToggle: (c: Constraint) => void;
}) {
  const { t } = useTranslation('people');
  const f = useFormat();
  const r = useRates();
  const [all, setAll] = useState(false);
  const changed = proposal.posts.filter(changes).length;
  const listed = listedPosts(proposal, all, constrained).length;
  const proven = proposal.certificate.violations === 0 && same(proposal.certificate.dualTotal, proposal.objective);
  const figures: ReadonlyArray<readonly [string, string]> = [
    ['total', r.points(proposal.total)],
    ['holdersTotal', r.points(proposal.holdersTotal)],
    ['gain', r.signed(Math.round((proposal.total - proposal.holdersTotal) * 100) / 100)],
    ['stays', f.number(proposal.stays)],
    ['moves', f.number(proposal.moves)],
    ['emptied', f.number(emptied(proposal))],
    ['unplaced', f.number(proposal.unplaced.length)],
  ];
  return (
    <>
      <section aria-labelledby="placement-summary" className="card">
        <h2 id="placement-summary">{t('placement.summary')}</h2>
        <dl className="people-figures">
          {figures.map(([key, value]) => (
            <div key={key} className={`people-figure people-figure-${key}`}>
              <dt>{t(`placement.${key}`)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p className={proven ? 'people-proof proven' : 'people-proof unproven'}>
          <span aria-hidden="true">{proven ? '✓ ' : '✗ '}</span>
          {t(proven ? 'placement.proven' : 'placement.notProven', { count: proposal.certificate.violations, number: f.number(proposal.certificate.violations) })}
        </p>
        <p className="muted people-proof-figures">
          {t('placement.proofFigures', {
            objective: r.points(proposal.objective),
            moveCost: f.number(proposal.moveCost, proposal.moveCost % 1 === 0 ? 0 : 2),
            dual: r.points(proposal.certificate.dualTotal),
            pairs: f.number(proposal.allowedPairs),
          })}
        </p>
      </section>
      <section aria-labelledby="placement-posts">
        <div className="page-head">
          <h2 id="placement-posts">
            {all ? t('placement.all') : listed > changed ? t('placement.changesConstrained') : t('placement.changes')} <span className="muted">({f.number(listed)})</span>
          </h2>
          <label className="people-check">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> {t('placement.showAll', { number: f.number(proposal.posts.length) })}
          </label>
        </div>
        {proposal.posts.length === 0 ? (
          <Empty>{t('placement.noPost')}</Empty>
        ) : listed === 0 ? (
          <Empty>{t('placement.noChange')}</Empty>
        ) : (
          <PlacementTable proposal={proposal} all={all} constrained={constrained} constraints={constraints} onToggle={onToggle} />
        )}
      </section>
    </>
  );
}
