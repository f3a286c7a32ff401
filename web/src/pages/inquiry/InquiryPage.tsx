/**
 * The inquiry into a case (/cases/:id/inquiry), a printable document without the app's frame: who
 * held the case and for how long (per person and unit, in days and hours), who refused whom and
 * why, where it stalled (the longest intervals, the overdue hours and on whom they fall), its
 * escalations, and the chronology of every interval; headed by the case, its decision, the date
 * printed and the state of the record's hash chain. Printed on A4 (inquiry.css).
 */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../auth/session.js';
import { useFormat } from '../../format.js';
import { LanguageSwitch } from '../../layout/LanguageSwitch.js';
import { ErrorBox, Loading } from '../../ui/states.js';
import { DecisionLine } from '../case/CaseHeader.js';
import { useChainPhrase } from '../case/ChainStatus.js';
import { Escalations } from '../case/Escalations.js';
import { holderStyles } from '../case/holderColours.js';
import { LedgerTimeline } from '../case/LedgerTimeline.js';
import { IntervalsTable, OverdueSummary, TotalsTable } from '../case/LedgerTables.js';
import { CaseNames, Who } from '../case/names.js';
import { useCaseData } from '../case/useCaseData.js';
import '../case/case.css';
import { InquirySummary } from './InquirySummary.js';
import { LongestIntervals, Refusals } from './InquiryTables.js';
import './inquiry.css';

/** The printable inquiry page. */
export function InquiryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('inquiry');
  const format = useFormat();
  const { me } = useSession();
  const data = useCaseData(id);
  const { assignment: a, ledger, events } = data;
  const styles = useMemo(() => holderStyles(ledger?.intervals.map((i) => i.personId) ?? []), [ledger]);
  const chainPhrase = useChainPhrase()(id, data.chain, data.record);
  // The moment this page was opened: the date the document states it was printed.
  const printedAt = useMemo(() => new Date().toISOString(), []);

  useEffect(() => {
    document.title = t('documentTitle', { title: a?.title ?? id });
  }, [a, id, t]);

  const caseLink = `/cases/${encodeURIComponent(id)}`;
  let body: React.ReactNode;
  if (data.notFound)
    body = (
      <>
        <h1>{t('notFound')}</h1>
        <p>{t('case:notFound.text', { id })}</p>
      </>
    );
  else if (data.error !== null) body = <ErrorBox error={data.error} retry={data.refetch} />;
  else if (a === undefined || ledger === undefined || events === undefined) body = <Loading lines={30} />;
  else
    body = (
      <CaseNames names={ledger.names}>
        <header className="doc-header">
          <p className="doc-kind">{t('kind')}</p>
          <h1>{a.title}</h1>
          <dl className="doc-meta">
            <div>
              <dt>{t('meta.case')}</dt>
              <dd>
                <code>{a.id}</code> — {t(`common:status.${a.status}`)}
                {a.closedAt !== null && ` ${t('meta.closedAt', { at: format.dateTime(a.closedAt) })}`}
              </dd>
            </div>
            <div>
              <dt>{t('meta.decision')}</dt>
              <dd>
                <DecisionLine decisionId={a.decisionId} decision={data.decision} />
              </dd>
            </div>
            <div>
              <dt>{t('meta.issued')}</dt>
              <dd>
                {format.dateTime(a.issuedAt)} — <Who id={a.issuerId} />
              </dd>
            </div>
            <div>
              <dt>{t('meta.parties')}</dt>
              <dd>
                {t('meta.owner')} <Who id={a.ownerId} />; {t('meta.verifier')} <Who id={a.verifierId} />
                {a.controllerId !== null && (
                  <>
                    ; {t('meta.controller')} <Who id={a.controllerId} />
                  </>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('meta.deadline')}</dt>
              <dd>
                {format.dateTime(a.deadline)}
                {a.deadline !== a.originalDeadline && ` (${t('meta.originalDeadline', { at: format.dateTime(a.originalDeadline), count: a.counts['deadlineChanges'] ?? 0 })})`}
                {a.urgency === 'urgent' && ` — ${t('common:urgency.urgent')}`}
              </dd>
            </div>
            <div>
              <dt>{t('meta.record')}</dt>
              <dd className={chainPhrase?.ok === false ? 'doc-broken' : undefined}>
                {chainPhrase === undefined ? t('case:chain.checking') : chainPhrase.text}
                {data.record?.lastCheckpoint !== undefined && data.record.lastCheckpoint !== null && ` — ${t('meta.checkpoint', { at: format.dateTime(data.record.lastCheckpoint.at) })}`}
              </dd>
            </div>
            <div>
              <dt>{t('meta.printed')}</dt>
              <dd>
                {format.dateTime(printedAt)}
                {me !== undefined && ` — ${me.name}`}
              </dd>
            </div>
          </dl>
          <p className="doc-note">{t('utcNote')}</p>
        </header>

        <section aria-labelledby="s-summary">
          <h2 id="s-summary">{t('summary.heading')}</h2>
          <InquirySummary ledger={ledger} events={events} />
        </section>

        <section aria-labelledby="s-held">
          <h2 id="s-held">{t('held.heading')}</h2>
          <LedgerTimeline ledger={ledger} styles={styles} events={events} />
          <h3>{t('held.byPerson')}</h3>
          <TotalsTable ledger={ledger} by="person" styles={styles} caption={t('held.byPerson')} />
          <h3>{t('held.byUnit')}</h3>
          <TotalsTable ledger={ledger} by="unit" caption={t('held.byUnit')} />
        </section>

        <section aria-labelledby="s-refused">
          <h2 id="s-refused">{t('refused.heading')}</h2>
          <Refusals ledger={ledger} />
        </section>

        <section aria-labelledby="s-stalled">
          <h2 id="s-stalled">{t('stalled.heading')}</h2>
          <h3>{t('stalled.longest')}</h3>
          <LongestIntervals ledger={ledger} styles={styles} />
          <h3>{t('stalled.overdue')}</h3>
          <OverdueSummary ledger={ledger} />
        </section>

        <section aria-labelledby="s-escalations">
          <h2 id="s-escalations">{t('escalations.heading')}</h2>
          <Escalations events={events} />
        </section>

        <section aria-labelledby="s-chronology" className="doc-chronology">
          <h2 id="s-chronology">{t('chronology.heading')}</h2>
          <p className="doc-note">{t('chronology.note')}</p>
          <IntervalsTable ledger={ledger} styles={styles} />
        </section>

        <footer className="doc-footer">
          <p>{t('footer', { at: format.dateTime(printedAt), events: events.length, hash: events.at(-1)?.hash ?? '—' })}</p>
        </footer>
      </CaseNames>
    );

  return (
    <div className="inquiry-screen">
      <header className="inquiry-toolbar no-print">
        <Link to={caseLink}>← {t('back')}</Link>
        <span className="inquiry-tools">
          <LanguageSwitch />
          <button type="button" className="primary" onClick={() => window.print()} disabled={a === undefined || ledger === undefined || events === undefined}>
            {t('common:action.print')}
          </button>
        </span>
      </header>
      <main id="main" className="inquiry-doc">
        {body}
      </main>
    </div>
  );
}
