/**
 * A placement proposal as the page shows it: the summary (the total proposed against the holders'
 * total now, stays, moves, posts left empty, candidates left over) with the proof of optimality,
 * then the table of the posts whose person changes — or of every post, those first.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { Empty } from '../../ui/states.js';
import { changes, emptied } from './peopleModel.js';
import { PlacementTable } from './PlacementTable.js';
import { useRates } from './rates.js';

/** Two totals in points are equal when they differ by less than half a hundredth (they are sums of hundredths). */
const same = (a: number, b: number): boolean => Math.abs(a - b) < 0.005;

/** The summary and the table of one proposal. */
export function PlacementResult({ proposal }: { readonly proposal: Proposal }) {
  const { t } = useTranslation('people');
  const f = useFormat();
  const r = useRates();
  const [all, setAll] = useState(false);
  const changed = proposal.posts.filter(changes).length;
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
            {all ? t('placement.all') : t('placement.changes')} <span className="muted">({f.number(all ? proposal.posts.length : changed)})</span>
          </h2>
          <label className="people-check">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> {t('placement.showAll', { number: f.number(proposal.posts.length) })}
          </label>
        </div>
        {proposal.posts.length === 0 ? (
          <Empty>{t('placement.noPost')}</Empty>
        ) : !all && changed === 0 ? (
          <Empty>{t('placement.noChange')}</Empty>
        ) : (
          <PlacementTable proposal={proposal} all={all} />
        )}
      </section>
    </>
  );
}
