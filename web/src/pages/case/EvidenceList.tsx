/**
 * The evidence of a case: every submission (who, when, note) with its items — documents to
 * download, texts, links and figures — and what became of it: rejected with the verifier's
 * reasons, verified, or still awaiting the verifier.
 */
import { useTranslation } from 'react-i18next';
import type { Assignment } from '../../api/types.js';
import { useFormat } from '../../format.js';
import type { CaseEvent, EvidenceItem } from './caseTypes.js';
import { Who } from './names.js';

interface Verdict {
  readonly kind: 'rejected' | 'verified' | 'reopened' | 'cancelled';
  readonly at: string;
  readonly by: string;
  readonly notes: readonly string[];
}

interface Submission {
  readonly seq: number;
  readonly at: string;
  readonly by: string;
  readonly evidence: readonly EvidenceItem[];
  readonly note: string | undefined;
  readonly verdicts: Verdict[];
}

/** The submissions of a case, in order, each with what was decided about it. */
export function submissionsOf(events: readonly CaseEvent[]): Submission[] {
  const out: Submission[] = [];
  for (const e of events) {
    const p = (e.payload ?? {}) as { evidence?: EvidenceItem[]; note?: string; reasons?: string[]; reason?: string };
    const last = out[out.length - 1];
    switch (e.type) {
      case 'assignment.submitted':
        out.push({ seq: e.seq, at: e.at, by: e.actor, evidence: p.evidence ?? [], note: p.note, verdicts: [] });
        break;
      case 'assignment.rejected':
        last?.verdicts.push({ kind: 'rejected', at: e.at, by: e.actor, notes: p.reasons ?? [] });
        break;
      case 'assignment.verified':
        last?.verdicts.push({ kind: 'verified', at: e.at, by: e.actor, notes: p.note ? [p.note] : [] });
        break;
      case 'assignment.reopened':
        last?.verdicts.push({ kind: 'reopened', at: e.at, by: e.actor, notes: p.reason ? [p.reason] : [] });
        break;
      case 'assignment.cancelled':
        last?.verdicts.push({ kind: 'cancelled', at: e.at, by: e.actor, notes: p.reason ? [p.reason] : [] });
        break;
      default:
        break;
    }
  }
  return out;
}

function decimals(n: number): number {
  const s = String(n);
  const dot = s.indexOf('.');
  return dot < 0 || s.includes('e') ? 0 : Math.min(6, s.length - dot - 1);
}

/** One item of evidence; documents link to their download. */
export function EvidenceItemView({ caseId, item }: { readonly caseId: string; readonly item: EvidenceItem }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  switch (item.kind) {
    case 'document':
      return (
        <>
          <span className="evidence-kind">{t('evidence.document')}</span>{' '}
          <a href={`/api/v1/assignments/${encodeURIComponent(caseId)}/evidence/${encodeURIComponent(item.sha256)}`} download={item.name}>
            {item.name}
          </a>{' '}
          <span className="muted">
            {[item.size !== undefined ? t('evidence.bytes', { size: format.number(item.size) }) : null, item.mediaType ?? null].filter((x) => x !== null).join(' · ')}
          </span>{' '}
          <code className="sha" title={item.sha256}>
            sha256 {item.sha256.slice(0, 12)}…
          </code>
        </>
      );
    case 'figure':
      return (
        <>
          <span className="evidence-kind">{t('evidence.figure')}</span> {item.label}: <strong>{format.number(item.value, decimals(item.value))}</strong>
          {item.unit !== undefined && ` ${item.unit}`}
        </>
      );
    case 'link':
      return (
        <>
          <span className="evidence-kind">{t('evidence.link')}</span>{' '}
          <a href={item.url} rel="noopener noreferrer nofollow" target="_blank">
            {item.label ?? item.url}
          </a>
          {item.label !== undefined && <span className="muted url"> ({item.url})</span>}
        </>
      );
    case 'text':
      return (
        <>
          <span className="evidence-kind">{t('evidence.text')}</span> <span className="prose">{item.text}</span>
        </>
      );
  }
}

/** Every submission of the case with its evidence and verdicts; the urgent demand's documents first, if any. */
export function EvidenceList({ assignment, events }: { readonly assignment: Assignment; readonly events: readonly CaseEvent[] }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  const submissions = submissionsOf(events);
  const urgent = assignment.urgentDemand;
  return (
    <>
      {urgent !== null && urgent.documents.length > 0 && (
        <div className="submission">
          <h3>{t('evidence.urgentDocuments')}</h3>
          <ul className="evidence-items">
            {urgent.documents.map((doc, i) => (
              <li key={i}>
                {doc.kind === 'document' ? (
                  <>
                    <span className="evidence-kind">{t('evidence.document')}</span> {doc.name}{' '}
                    <code className="sha" title={doc.sha256}>
                      sha256 {doc.sha256.slice(0, 12)}…
                    </code>
                  </>
                ) : (
                  <EvidenceItemView caseId={assignment.id} item={doc} />
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {submissions.length === 0 ? (
        <p className="empty">{t('evidence.none')}</p>
      ) : (
        <ol className="submissions">
          {submissions.map((s, i) => (
            <li key={s.seq} className="submission">
              <h3>
                {t('evidence.submission', { n: i + 1 })}{' '}
                <span className="submission-meta">
                  {t('evidence.by')} <Who id={s.by} />, {format.dateTime(s.at)}
                </span>
              </h3>
              {s.note !== undefined && s.note !== '' && <p className="prose">{s.note}</p>}
              <ul className="evidence-items">
                {s.evidence.map((item, j) => (
                  <li key={j}>
                    <EvidenceItemView caseId={assignment.id} item={item} />
                  </li>
                ))}
              </ul>
              {s.verdicts.length === 0 ? (
                <p className="verdict verdict-waiting">{t('evidence.awaiting')}</p>
              ) : (
                s.verdicts.map((v, j) => (
                  <div key={j} className={`verdict verdict-${v.kind}`}>
                    <p>
                      <strong>{t(`evidence.verdict.${v.kind}`)}</strong> {t('evidence.by')} <Who id={v.by} />, {format.dateTime(v.at)}
                    </p>
                    {v.notes.length > 0 &&
                      (v.kind === 'rejected' ? (
                        <ul>
                          {v.notes.map((n, k) => (
                            <li key={k}>{n}</li>
                          ))}
                        </ul>
                      ) : (
                        <p className="prose">{v.notes.join(' ')}</p>
                      ))}
                  </div>
                ))
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
