/** A case's status as a coloured, labelled badge (colour is never the only sign: the word is there). */
import { useTranslation } from 'react-i18next';
import { isOverdue } from '../format.js';

/** The badge of a case; "overdue" shown beside an open status past its deadline. */
export function StatusBadge({ status, deadline }: { readonly status: string; readonly deadline?: string }) {
  const { t } = useTranslation();
  const late = deadline !== undefined && isOverdue({ status, deadline });
  return (
    <span className="badges">
      <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>
      {late && <span className="badge badge-overdue">{t('status.overdue')}</span>}
    </span>
  );
}
