/**
 * One case on the desk: its title (a link to the case), its decision, its deadline with how far it
 * is, its status, the request waiting on it (if any), and its primary action.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import type { Assignment } from '../../api/types.js';
import { useDecisionName } from './decisionName.js';
import { useSession } from '../../auth/session.js';
import { useFormat } from '../../format.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { CompactCaseActions } from '../case/actions/CompactCaseActions.js';
import { PendingNote } from '../case/actions/PendingNote.js';
import { useRelative } from './relative.js';
import type { Summary } from './sources.js';

const OPEN = new Set(['issued', 'in_progress', 'submitted']);

/** A row of a desk section. */
export function DeskRow({ item, now, onChanged }: { readonly item: Summary; readonly now: number; readonly onChanged: () => void }) {
  const { t } = useTranslation('desk');
  const f = useFormat();
  const relative = useRelative();
  const { session } = useSession();
  const decision = useDecisionName(item.decisionId, item.id);
  const full = useQuery({ queryKey: ['assignment', item.id], queryFn: () => api<Assignment>('GET', `/assignments/${encodeURIComponent(item.id)}`) });
  const rel = OPEN.has(item.status) ? relative(item.deadline, now) : null;
  return (
    <li className="desk-row">
      <div className="desk-row-main">
        <Link to={`/cases/${encodeURIComponent(item.id)}`} className="desk-title">
          {item.title}
        </Link>
        <div className="desk-meta">
          <span className="desk-decision" title={item.decisionId}>
            <span className="visually-hidden">{t('row.decision')} </span>
            {decision ?? t('row.decisionLoading')}
          </span>
          <span className="desk-deadline">
            {t('row.due', { date: f.dateTime(item.deadline) })}
            {rel !== null && <span className={rel.late ? 'desk-rel late' : 'desk-rel'}>{rel.text}</span>}
          </span>
          <StatusBadge status={item.status} deadline={item.deadline} />
        </div>
        {full.data !== undefined && <PendingNote assignment={full.data} me={session?.personId ?? ''} />}
      </div>
      <div className="desk-row-actions">{full.data !== undefined && <CompactCaseActions assignment={full.data} onChanged={onChanged} />}</div>
    </li>
  );
}
