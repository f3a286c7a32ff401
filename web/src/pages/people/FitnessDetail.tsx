/**
 * The fitness of the person proposed for a post, opened under the post's row: each term (domain —
 * in the caption when there is only one —, term, value — higher is better —, weight, points) and
 * their total, then the post's demands the person does not meet.
 */
import { useTranslation } from 'react-i18next';
import type { Fitness } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { useRates } from './rates.js';

/** The terms and unmet demands of `fitness` (null: nobody proposed). */
export function FitnessDetail({ fitness, person, post }: { readonly fitness: Fitness | null; readonly person: string; readonly post: string }) {
  const { t } = useTranslation('people');
  const f = useFormat();
  const r = useRates();
  if (fitness === null) return <p className="muted">{t('placement.noFitness')}</p>;
  const demand = (kind: string, x: number) => (kind === 'minVerified' ? f.number(x) : f.percent(x));
  // One domain (the usual case): named in the caption rather than on every row.
  const domains = [...new Set(fitness.terms.map((term) => term.domain))];
  const single = domains.length === 1 ? domains[0] : undefined;
  return (
    <div className="people-fitness">
      <table className="people-terms">
        <caption>{single === undefined ? t('placement.termsCaption', { person, post }) : t('placement.termsCaptionDomain', { person, post, domain: single })}</caption>
        <thead>
          <tr>
            {single === undefined && <th scope="col">{t('placement.domain')}</th>}
            <th scope="col">{t('placement.term')}</th>
            <th scope="col" className="num">
              {t('placement.value')}
            </th>
            <th scope="col" className="num">
              {t('placement.weight')}
            </th>
            <th scope="col" className="num">
              {t('placement.termPoints')}
            </th>
          </tr>
        </thead>
        <tbody>
          {fitness.terms.map((term) => (
            <tr key={`${term.domain}-${term.key}`}>
              {single === undefined && <td>{term.domain}</td>}
              <td>{t(`fitnessTerm.${term.key}`)}</td>
              <td className="num">{f.percent(term.value)}</td>
              <td className="num">{f.number(term.weight, 2)}</td>
              <td className="num">{r.points(term.points)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={single === undefined ? 4 : 3}>
              {t('placement.pointsCol')}
            </th>
            <td className="num">{r.points(fitness.points)}</td>
          </tr>
        </tfoot>
      </table>
      {fitness.unmet.length === 0 ? (
        <p className="muted">{t('placement.allMet')}</p>
      ) : (
        <>
          <p>{t('placement.unmet')}</p>
          <ul>
            {fitness.unmet.map((u) => (
              <li key={u.demand}>{t(`demand.${u.demand}`, { required: demand(u.demand, u.required), actual: demand(u.demand, u.actual) })}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
