/**
 * The inquiry's findings in a few sentences: how long the case lived and in how many hands, how
 * much of it was overdue and on whom most of that falls, what was asked and refused, and how
 * often it was escalated.
 */
import { useTranslation } from 'react-i18next';
import type { Ledger } from '../../api/types.js';
import type { CaseEvent } from '../case/caseTypes.js';
import { useDurations } from '../case/durations.js';
import { useNameOf } from '../case/names.js';

/** The summary paragraph list of the inquiry. */
export function InquirySummary({ ledger, events }: { readonly ledger: Ledger; readonly events: readonly CaseEvent[] }) {
  const { t } = useTranslation('inquiry');
  const d = useDurations();
  const nameOf = useNameOf();
  const longest = [...ledger.intervals].sort((a, b) => b.ms - a.ms)[0];
  const mostOverdue = [...ledger.byPerson].sort((a, b) => b.overdueMs - a.overdueMs)[0];
  const asked = (kind: string) => ledger.requests.filter((r) => r.kind === kind);
  const refused = (kind: string) => asked(kind).filter((r) => r.outcome === 'refused').length;
  const escalations = events.filter((e) => e.type === 'assignment.escalated').length;
  const notices = events.filter((e) => e.type === 'assignment.reminded').length;
  return (
    <ul className="doc-findings">
      <li>
        {t(ledger.open ? 'summary.lifeOpen' : 'summary.life', {
          span: d.span(ledger.elapsedMs),
          hours: d.hours(ledger.elapsedMs),
          people: t('summary.people', { count: ledger.byPerson.length }),
          units: t('summary.units', { count: ledger.byUnit.length }),
          intervals: t('summary.intervals', { count: ledger.intervals.length }),
        })}
      </li>
      {longest !== undefined && (
        <li>
          {t('summary.longest', { holder: nameOf(longest.personId), role: t(`case:role.${longest.role}`, { defaultValue: longest.role }), duration: d.both(longest.ms), share: d.share(longest.ms, ledger.elapsedMs) })}
        </li>
      )}
      <li>
        {ledger.overdueMs === 0 || mostOverdue === undefined
          ? t('summary.noOverdue')
          : t('summary.overdue', {
              span: d.span(ledger.overdueMs),
              hours: d.hours(ledger.overdueMs),
              share: d.share(ledger.overdueMs, ledger.elapsedMs),
              holder: nameOf(mostOverdue.id),
              holderShare: d.share(mostOverdue.overdueMs, ledger.overdueMs),
            })}
      </li>
      <li>
        {t('summary.requests', {
          handovers: asked('handover').length,
          handoversRefused: refused('handover'),
          transfers: asked('transfer').length,
          transfersRefused: refused('transfer'),
          extensions: asked('extension').length,
          extensionsRefused: refused('extension'),
        })}
      </li>
      <li>
        {t('summary.escalations', { count: escalations })} {t('summary.notices', { count: notices })}
      </li>
    </ul>
  );
}
