/**
 * The census's people by name, 50 at a time ("Show more"): name (a link to their record), unit,
 * post, domain, territory, tenure band, verified cases, first-time and on-time rates with intervals.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Census } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { ShowMore } from '../../ui/ShowMore.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { nameIn } from './peopleModel.js';
import { PersonLink } from './PersonLink.js';
import { RateCell } from './rates.js';

const PAGE = 50;

/** The people table of a census. */
export function CensusPeople({ census }: { readonly census: Census }) {
  const { t } = useTranslation('people');
  const f = useFormat();
  const [shown, setShown] = useState(PAGE);
  const names = census.names;
  const rows = [...census.entries].sort((a, b) => nameIn(names, a.personId).localeCompare(nameIn(names, b.personId)) || (a.personId < b.personId ? -1 : 1));
  const none = <span className="muted">—</span>;
  return (
    <>
      <TableWrap>
        <table className="people-table census-people">
          <caption className="visually-hidden">{t('census.peopleCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('census.name')}</th>
              <th scope="col">{t('census.unit')}</th>
              <th scope="col">{t('census.post')}</th>
              <th scope="col">{t('census.domain')}</th>
              <th scope="col">{t('census.territory')}</th>
              <th scope="col">{t('census.tenure')}</th>
              <th scope="col" className="num">
                {t('census.verified')}
              </th>
              <th scope="col" className="num">
                {t('census.firstTime')}
              </th>
              <th scope="col" className="num">
                {t('census.onTime')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map((e) => (
              <tr key={e.personId}>
                <th scope="row">
                  <PersonLink id={e.personId} names={names} />
                </th>
                <td>{nameIn(names, e.unitId)}</td>
                <td>{e.postId === null ? none : nameIn(names, e.postId)}</td>
                <td>{e.domain ?? none}</td>
                <td>{e.territory ?? none}</td>
                <td>{t(`tenure.${e.tenure}`)}</td>
                <td className="num">{f.number(e.verified)}</td>
                <td className="num">
                  <RateCell rate={e.firstTime} />
                </td>
                <td className="num">
                  <RateCell rate={e.onTime} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ShowMore list={{ hasNextPage: shown < rows.length, isFetchingNextPage: false, fetchNextPage: () => Promise.resolve(setShown((n) => n + PAGE)) }} />
    </>
  );
}
