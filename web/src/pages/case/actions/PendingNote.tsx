/** The request waiting on a case, said from the reader's side: offered to them, or waiting for someone else. */
import { useTranslation } from 'react-i18next';
import type { Assignment } from '../../../api/types.js';
import { useFormat } from '../../../format.js';
import { useCaseNames } from './caseNames.js';

/** One sentence about `assignment.pending` (nothing when no request waits). */
export function PendingNote({ assignment, me }: { readonly assignment: Assignment; readonly me: string }) {
  return assignment.pending === null ? null : <PendingSentence assignment={assignment} pending={assignment.pending} me={me} />;
}

function PendingSentence({ assignment: a, pending: p, me }: { readonly assignment: Assignment; readonly pending: NonNullable<Assignment['pending']>; readonly me: string }) {
  const { t } = useTranslation('actions');
  const f = useFormat();
  const names = useCaseNames(a.id);
  const name = (id: string) => names[id] ?? t('pending.someone');
  let text: string;
  switch (p.kind) {
    case 'handover':
      text =
        p.to === me
          ? t('pending.handoverToMe', { from: name(p.from), reason: p.reason })
          : p.from === me
            ? t('pending.handoverByMe', { to: name(p.to), reason: p.reason })
            : t('pending.handover', { from: name(p.from), to: name(p.to), reason: p.reason });
      break;
    case 'transfer':
      text =
        p.to === me
          ? t('pending.transferToMe', { by: name(p.requestedBy), reason: p.reason })
          : p.requestedBy === me
            ? t('pending.transferByMe', { to: name(p.to), reason: p.reason })
            : t('pending.transfer', { by: name(p.requestedBy), to: name(p.to), reason: p.reason });
      break;
    case 'extension':
      text =
        p.approverId === me
          ? t('pending.extensionToMe', { by: name(p.by), deadline: f.dateTime(p.deadline), reason: p.reason })
          : p.by === me
            ? t('pending.extensionByMe', { approver: name(p.approverId), deadline: f.dateTime(p.deadline), reason: p.reason })
            : t('pending.extension', { by: name(p.by), approver: name(p.approverId), deadline: f.dateTime(p.deadline), reason: p.reason });
      break;
  }
  return <p className="act-pending">{text}</p>;
}
