/**
 * Whether the case's record can be trusted: its hash chain as checked in this browser ("chain
 * intact" / "broken at seq N"), and the record's own status from the server — the last checkpoint
 * and the last full verification, which names this case if it found it broken.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import type { RecordStatus } from './caseTypes.js';
import type { ChainCheck } from './chain.js';
import { useNameOf, Who } from './names.js';

/** The chain's state in one short phrase (for headers), or undefined while it is being checked. */
export function useChainPhrase(): (id: string, chain: ChainCheck | undefined, record: RecordStatus | undefined) => { ok: boolean; text: string } | undefined {
  const { t } = useTranslation('case');
  return (id, chain, record) => {
    const serverProblem = record?.lastVerification?.firstProblem;
    if (serverProblem && serverProblem.streamId === id) return { ok: false, text: t('chain.brokenAt', { seq: serverProblem.seq ?? '?' }) };
    if (chain === undefined) return undefined;
    if (chain.state === 'broken') return { ok: false, text: t('chain.brokenAt', { seq: chain.seq }) };
    if (chain.state === 'empty') return { ok: false, text: t('chain.empty') };
    return { ok: true, text: t('chain.intact') };
  };
}

/** The chain status block of the case page and the inquiry. */
export function ChainStatus({ id, chain, record }: { readonly id: string; readonly chain: ChainCheck | undefined; readonly record: RecordStatus | undefined }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  const nameOf = useNameOf();
  const phrase = useChainPhrase()(id, chain, record);
  const v = record?.lastVerification;
  return (
    <div className={`chain-status ${phrase === undefined ? '' : phrase.ok ? 'chain-ok' : 'chain-broken'}`}>
      <p className="chain-verdict">
        <span aria-hidden="true" className="chain-icon">
          {phrase === undefined ? '…' : phrase.ok ? '✓' : '✗'}
        </span>
        <strong>{phrase?.text ?? t('chain.checking')}</strong>
        {chain?.state === 'intact' && <span className="muted"> — {t(chain.recomputed ? 'chain.recomputed' : 'chain.linkedOnly', { count: chain.events })}</span>}
        {chain?.state === 'broken' && <span className="muted"> — {t(`chain.why.${chain.why}`)}</span>}
      </p>
      {record !== undefined && (
        <ul className="chain-record">
          <li>
            {record.lastCheckpoint === null
              ? t('chain.noCheckpoint')
              : t('chain.checkpoint', { at: format.dateTime(record.lastCheckpoint.at), seq: record.lastCheckpoint.seq })}
          </li>
          <li>
            {v === null || v === undefined
              ? t('chain.noVerification')
              : (
                <>
                  {v.ok
                    ? t('chain.verifiedOk', { at: format.dateTime(v.at), events: format.number(v.events) })
                    : t('chain.verifiedProblems', { at: format.dateTime(v.at), count: v.problems, stream: nameOf(v.firstProblem?.streamId), seq: v.firstProblem?.seq ?? '?' })}{' '}
                  ({t('chain.by')} <Who id={v.by} />)
                </>
              )}
          </li>
        </ul>
      )}
    </div>
  );
}
