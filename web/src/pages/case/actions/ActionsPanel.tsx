/**
 * The actions of one case for the signed-in person: a row of buttons, one per step their part
 * allows. A step with nothing to fill in is sent at once; the others open their small form in
 * place of the row (so a button's name is never on screen twice). The server's refusal is shown
 * in the reader's language; a 412 says the case changed and reloads it. Compact: the primary
 * action only (for the rows of the desk).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import type { Assignment } from '../../../api/types.js';
import { useSession } from '../../../auth/session.js';
import { availableActions, IMMEDIATE, type ActionKind } from './available.js';
import { ExtensionForm } from './ExtensionForm.js';
import type { FormProps } from './formProps.js';
import { PendingNote } from './PendingNote.js';
import { PersonReasonForm } from './PersonReasonForm.js';
import { RefuseForm, RejectForm, VerifyForm } from './ReasonForms.js';
import { SubmitForm } from './SubmitForm.js';
import { useRefusalMessage, useStep } from './useStep.js';
import './actions.css';

const DANGER: ReadonlySet<ActionKind> = new Set(['refuseHandover', 'refuseTransfer', 'refuseExtension', 'reject']);

function FormOf({ kind, ...props }: FormProps & { readonly kind: ActionKind }) {
  switch (kind) {
    case 'handover':
    case 'transfer':
      return <PersonReasonForm kind={kind} {...props} />;
    case 'extension':
      return <ExtensionForm {...props} />;
    case 'submit':
      return <SubmitForm {...props} />;
    case 'verify':
      return <VerifyForm {...props} />;
    case 'reject':
      return <RejectForm {...props} />;
    case 'refuseHandover':
    case 'refuseTransfer':
    case 'refuseExtension':
      return <RefuseForm kind={kind} {...props} />;
    default:
      return null;
  }
}

/** The actions panel of `assignment`, full or compact. */
export function ActionsPanel({ assignment, onChanged, compact }: { readonly assignment: Assignment; readonly onChanged: () => void; readonly compact: boolean }) {
  const { t } = useTranslation('actions');
  const { session } = useSession();
  const me = session?.personId ?? '';
  const step = useStep(assignment, onChanged);
  const refusalMessage = useRefusalMessage();
  const [open, setOpen] = useState<ActionKind | null>(null);
  const [notice, setNotice] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);
  const all = availableActions(assignment, me);
  const actions = compact ? all.slice(0, 1) : all;
  const shown = open !== null && actions.includes(open) ? open : null;
  // When a form closes, focus returns to the row of buttons it replaced.
  const barRef = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (shown === null && wasOpen.current) barRef.current?.querySelector('button')?.focus();
    wasOpen.current = shown !== null;
  }, [shown]);

  function send(kind: ActionKind, body: Record<string, unknown>) {
    setNotice(null);
    step.mutate(
      { kind, body },
      {
        onSuccess: () => {
          setOpen(null);
          setNotice({ ok: true, text: t(`done.${kind}`) });
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setOpen(null);
            setNotice({ ok: false, text: t('changed') });
          } else if (IMMEDIATE.has(kind)) {
            setNotice({ ok: false, text: refusalMessage(error) });
          }
        },
      },
    );
  }

  function choose(kind: ActionKind) {
    step.reset();
    setNotice(null);
    if (IMMEDIATE.has(kind)) send(kind, {});
    else setOpen(kind);
  }

  if (compact && actions.length === 0 && notice === null) return null;
  const refusal = step.error !== null && !(step.error instanceof ApiError && step.error.status === 412) ? refusalMessage(step.error) : null;
  return (
    <div className={compact ? 'act-panel act-compact' : 'act-panel'}>
      {!compact && <PendingNote assignment={assignment} me={me} />}
      {shown !== null ? (
        <FormOf
          key={`${shown}-${assignment.id}`}
          kind={shown}
          assignment={assignment}
          busy={step.isPending}
          refusal={refusal}
          onSend={(body) => send(shown, body)}
          onCancel={() => {
            step.reset();
            setOpen(null);
          }}
        />
      ) : actions.length > 0 ? (
        <div ref={barRef} className="act-bar" role="group" aria-label={t('group')}>
          {actions.map((kind, i) => (
            <button
              key={kind}
              type="button"
              className={DANGER.has(kind) ? 'danger' : i === 0 ? 'primary' : undefined}
              disabled={step.isPending}
              onClick={() => choose(kind)}
            >
              {t(`button.${kind}`)}
            </button>
          ))}
          {step.isPending && (
            <span className="muted" role="status">
              {t('sending')}
            </span>
          )}
        </div>
      ) : (
        !compact && <p className="muted">{t('nothing')}</p>
      )}
      <div aria-live="polite" className="act-notice">
        {notice !== null && (
          <p className={notice.ok ? 'act-done' : 'form-error'} role={notice.ok ? 'status' : 'alert'}>
            {notice.text}
          </p>
        )}
      </div>
    </div>
  );
}
