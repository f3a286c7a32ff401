/**
 * The case page (/cases/:id): the case's head and facts, the actions open to the reader, its hour
 * ledger (timeline, totals per person and unit, overdue hours, handovers and refusals), its
 * evidence, its escalations and its event log with the hash chain's status. A case that does not
 * exist or is hidden from the reader is one and the same answer: not found or not visible.
 */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorBox, Loading } from '../../ui/states.js';
import { CaseActions } from './actions/CaseActions.js';
import { CaseHeader } from './CaseHeader.js';
import { ChainStatus } from './ChainStatus.js';
import { Escalations } from './Escalations.js';
import { EventLog } from './EventLog.js';
import { EvidenceList } from './EvidenceList.js';
import { holderStyles } from './holderColours.js';
import { LedgerTimeline } from './LedgerTimeline.js';
import { IntervalsTable, OverdueSummary, RequestsTable, TotalsTable } from './LedgerTables.js';
import { CaseNames } from './names.js';
import { useCaseData } from './useCaseData.js';
import './case.css';

/** A section of the page with its heading (h2), labelled by it. */
function Section({ id, title, children, className }: { readonly id: string; readonly title: string; readonly children: React.ReactNode; readonly className?: string }) {
  return (
    <section className={`case-section ${className ?? ''}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** The case page. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('case');
  const data = useCaseData(id);
  const { assignment: a, ledger, events } = data;
  const styles = useMemo(() => holderStyles(ledger?.intervals.map((i) => i.personId) ?? []), [ledger]);

  useEffect(() => {
    document.title = a === undefined ? t('documentTitle', { title: id }) : t('documentTitle', { title: a.title });
  }, [a, id, t]);

  if (data.notFound)
    return (
      <div className="case-page">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.text', { id })}</p>
      </div>
    );
  if (data.error !== null) return <ErrorBox error={data.error} retry={data.refetch} />;

  return (
    <CaseNames names={ledger?.names ?? {}}>
      <div className="case-page">
        {a === undefined ? (
          <div className="case-head-placeholder">
            <Loading lines={10} />
          </div>
        ) : (
          <CaseHeader assignment={a} decision={data.decision} />
        )}

        <section className="case-section case-actions" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t('actions.heading')}</h2>
          {a === undefined ? <Loading lines={2} /> : <CaseActions assignment={a} onChanged={data.refetch} />}
        </section>

        <Section id="ledger" title={t('ledger.heading')}>
          {ledger === undefined ? (
            <Loading lines={12} />
          ) : (
            <>
              <LedgerTimeline ledger={ledger} styles={styles} events={events} />
              <details className="intervals-details">
                <summary>{t('ledger.intervals', { count: ledger.intervals.length })}</summary>
                <IntervalsTable ledger={ledger} styles={styles} />
              </details>
              <div>
                <div>
                  <h3>{t('ledger.byPerson')}</h3>
                  <TotalsTable ledger={ledger} by="person" styles={styles} caption={t('ledger.byPerson')} />
                </div>
                <div>
                  <h3>{t('ledger.byUnit')}</h3>
                  <TotalsTable ledger={ledger} by="unit" caption={t('ledger.byUnit')} />
                </div>
              </div>
              <h3>{t('ledger.overdue')}</h3>
              <OverdueSummary ledger={ledger} />
              <h3>{t('ledger.requests')}</h3>
              <RequestsTable ledger={ledger} />
            </>
          )}
        </Section>

        <Section id="evidence" title={t('evidence.heading')}>
          {a === undefined || events === undefined ? <Loading lines={4} /> : <EvidenceList assignment={a} events={events} />}
        </Section>

        <Section id="escalations" title={t('escalations.heading')}>
          {events === undefined ? <Loading lines={2} /> : <Escalations events={events} />}
        </Section>

        <Section id="log" title={t('log.heading')}>
          <ChainStatus id={id} chain={data.chain} record={data.record} />
          {events === undefined ? <Loading lines={10} /> : <EventLog events={events} />}
        </Section>
      </div>
    </CaseNames>
  );
}
