/**
 * The census's groups, in the order the server gives them: the key (a department by name, a tenure
 * band in words, "None" for people without a value), people, cases owned and verified, and the
 * pooled first-time and on-time rates with their 95% intervals.
 */
import { useTranslation } from 'react-i18next';
import type { Census } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { nameIn } from './peopleModel.js';
import { RateCell } from './rates.js';

/** The key of the census's "no value" group. */
const NO_KEY = '—';

/** A group's key as a reader reads it. */
export function useGroupLabel(): (census: Census, key: string) => string {
  const { t } = useTranslation('people');
  return (census, key) => {
    if (key === NO_KEY) return t('noKey');
    if (census.by === 'unit') return nameIn(census.names, key);
    if (census.by === 'tenure') return t(`tenure.${key}`);
    return key;
  };
}

/** The groups table. */
export function CensusGroups({ census }: { readonly census: Census }) {
  const { t } = useTranslation('people');
  const f = useFormat();
  const label = useGroupLabel();
  const dimension = t(`census.dimension.${census.by}`);
  return (
    <TableWrap>
      <table className="people-table census-groups">
        <caption className="visually-hidden">{t('census.groupsCaption', { dimension: dimension.toLowerCase() })}</caption>
        <thead>
          <tr>
            <th scope="col">{dimension}</th>
            <th scope="col" className="num">
              {t('census.people')}
            </th>
            <th scope="col" className="num">
              {t('census.owned')}
            </th>
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
          {census.groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{label(census, g.key)}</th>
              <td className="num">{f.number(g.people)}</td>
              <td className="num">{f.number(g.owned)}</td>
              <td className="num">{f.number(g.verified)}</td>
              <td className="num">
                <RateCell rate={g.firstTime} />
              </td>
              <td className="num">
                <RateCell rate={g.onTime} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
