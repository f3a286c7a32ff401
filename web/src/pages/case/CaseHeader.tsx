/**
 * The head of a case: its title and status, the decision it carries out, its parties, its
 * deadline (with the original and how often it moved), urgency, definition of done, and the
 * request awaiting an answer, if any.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Assignment, Decision } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import type { PendingRequest } from './caseTypes.js';
import { Who } from './names.js';

/** The decision a case comes from: number, date, title and body, linking to the decision. */
export function DecisionLine({ decisionId, decision }: { readonly decisionId: string; readonly decision: Decision | undefined }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  if (decision === undefined)
    return (
      <Link to={`/decisions/${encodeURIComponent(decisionId)}`}>
        <Who id={decisionId} />
      </Link>
    );
  return (
    <>
      <Link to={`/decisions/${encodeURIComponent(decisionId)}`}>{t('decision.numbered', { number: decision.number, date: format.date(`${decision.date}T00:00:00.000Z`) })}</Link>
      {' — '}
      {decision.title}
      <span className="muted">
        {' '}
        ({t('decision.of')} <Who id={decision.bodyId} />)
      </span>
    </>
  );
}

/** The pending request in one sentence. */
export function PendingLine({ pending }: { readonly pending: PendingRequest }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  switch (pending.kind) {
    case 'handover':
      return (
        <>
          {t('pending.handover.before')} <Who id={pending.from} /> {t('pending.handover.middle')} <Who id={pending.to} /> {t('pending.since', { at: format.dateTime(pending.at) })}
        </>
      );
    case 'transfer':
      return (
        <>
          {t('pending.transfer.before')} <Who id={pending.requestedBy} /> {t('pending.transfer.middle')} <Who id={pending.to} /> {t('pending.since', { at: format.dateTime(pending.at) })}
        </>
      );
    case 'extension':
      return (
        <>
          {t('pending.extension.before', { deadline: format.dateTime(pending.deadline) })} <Who id={pending.by} /> {t('pending.extension.middle')} <Who id={pending.approverId} />{' '}
          {t('pending.since', { at: format.dateTime(pending.at) })}
        </>
      );
  }
}

/** The case's title, status and facts. */
export function CaseHeader({ assignment: a, decision }: { readonly assignment: Assignment; readonly decision: Decision | undefined }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  const changes = a.counts['deadlineChanges'] ?? 0;
  return (
    <>
      <div className="case-head">
        <div className="case-title">
          <h1>{a.title}</h1>
          <p className="case-badges">
            <StatusBadge status={a.status} deadline={a.deadline} />
            {a.urgency === 'urgent' && <span className="badge badge-urgent">{t('common:urgency.urgent')}</span>}
            {a.escalationLevel > 0 && <span className="badge badge-escalated">{t('facts.escalatedBadge', { level: a.escalationLevel })}</span>}
            <span className="muted case-id">{a.id}</span>
          </p>
        </div>
        <Link className="button no-print" to={`/cases/${encodeURIComponent(a.id)}/inquiry`}>
          {t('inquiryLink')}
        </Link>
      </div>
      <section className="card case-facts" aria-labelledby="facts-heading">
        <h2 id="facts-heading" className="visually-hidden">
          {t('facts.heading')}
        </h2>
        <dl className="facts">
          <div className="fact fact-wide">
            <dt>{t('common:field.decision')}</dt>
            <dd>
              <DecisionLine decisionId={a.decisionId} decision={decision} />
            </dd>
          </div>
          <div className="fact">
            <dt>{t('common:field.owner')}</dt>
            <dd>
              <Who id={a.ownerId} />
            </dd>
          </div>
          <div className="fact">
            <dt>{t('common:field.holder')}</dt>
            <dd>
              <Who id={a.holderId} />
            </dd>
          </div>
          <div className="fact">
            <dt>{t('common:field.verifier')}</dt>
            <dd>
              <Who id={a.verifierId} />
            </dd>
          </div>
          <div className="fact">
            <dt>{t('common:field.controller')}</dt>
            <dd>{a.controllerId === null ? <span className="muted">{t('facts.none')}</span> : <Who id={a.controllerId} />}</dd>
          </div>
          <div className="fact">
            <dt>{t('facts.coExecutors')}</dt>
            <dd>
              {a.coExecutorIds.length === 0 ? (
                <span className="muted">{t('facts.none')}</span>
              ) : (
                <ul className="inline-list">
                  {a.coExecutorIds.map((id) => (
                    <li key={id}>
                      <Who id={id} />
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('facts.issued')}</dt>
            <dd>
              {format.dateTime(a.issuedAt)} — <Who id={a.issuerId} />
            </dd>
          </div>
          <div className="fact">
            <dt>{t('common:field.deadline')}</dt>
            <dd>
              <strong>{format.dateTime(a.deadline)}</strong>
              {(changes > 0 || a.deadline !== a.originalDeadline) && (
                <span className="muted"> — {t('facts.originalDeadline', { at: format.dateTime(a.originalDeadline), count: changes })}</span>
              )}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('facts.urgency')}</dt>
            <dd>{t(`common:urgency.${a.urgency}`)}</dd>
          </div>
          {a.escalatedTo !== null && (
            <div className="fact">
              <dt>{t('facts.escalatedTo')}</dt>
              <dd>
                <Who id={a.escalatedTo} /> <span className="muted">({t('facts.level', { level: a.escalationLevel })})</span>
              </dd>
            </div>
          )}
          {a.closedAt !== null && (
            <div className="fact">
              <dt>{t(a.status === 'cancelled' ? 'facts.cancelled' : 'facts.closed')}</dt>
              <dd>
                {format.dateTime(a.closedAt)}
                {a.verifiedBy !== null && (
                  <>
                    {' — '}
                    <Who id={a.verifiedBy} />
                  </>
                )}
              </dd>
            </div>
          )}
          <div className="fact fact-wide">
            <dt>{t('facts.definitionOfDone')}</dt>
            <dd className="prose">{a.definitionOfDone}</dd>
          </div>
          {a.urgentDemand !== null && (
            <div className="fact fact-wide">
              <dt>{t('facts.urgentStatement')}</dt>
              <dd className="prose">{a.urgentDemand.statement}</dd>
            </div>
          )}
        </dl>
        {a.pending !== null && (
          <div className="pending-box" role="note">
            <strong>{t('pending.heading')}</strong> <PendingLine pending={a.pending} />
            <p className="prose pending-reason">{a.pending.reason}</p>
          </div>
        )}
      </section>
    </>
  );
}
