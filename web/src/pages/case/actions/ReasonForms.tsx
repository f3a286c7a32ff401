/**
 * The forms that take a reason or a note: refusing a handover, a transfer or an extension (a
 * reason is required), verifying (an optional note) and rejecting (one reason or more, one a line).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionKind } from './available.js';
import { ActionForm, TextArea, useFirstFocus } from './fields.js';
import type { FormProps } from './formProps.js';

/** A refusal with its required reason (`kind`: refuseHandover, refuseTransfer or refuseExtension). */
export function RefuseForm({ kind, assignment: _a, busy, refusal, onSend, onCancel }: FormProps & { readonly kind: ActionKind }) {
  const { t } = useTranslation('actions');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const ref = useFirstFocus();
  const error = tried && reason.trim() === '' ? t('invalid.reasonRequired') : undefined;
  return (
    <ActionForm
      title={t(`title.${kind}`)}
      submitLabel={t(`button.${kind}`)}
      busy={busy}
      refusal={refusal}
      danger
      onCancel={onCancel}
      onSubmit={() => {
        setTried(true);
        if (reason.trim() === '') ref.current?.focus();
        else onSend({ reason: reason.trim() });
      }}
    >
      <TextArea label={t('field.reason')} value={reason} onChange={setReason} error={error} required inputRef={ref} />
    </ActionForm>
  );
}

/** Verification, with an optional note. */
export function VerifyForm({ busy, refusal, onSend, onCancel }: FormProps) {
  const { t } = useTranslation('actions');
  const [note, setNote] = useState('');
  const ref = useFirstFocus();
  return (
    <ActionForm
      title={t('title.verify')}
      submitLabel={t('button.verify')}
      busy={busy}
      refusal={refusal}
      onCancel={onCancel}
      onSubmit={() => onSend(note.trim() === '' ? {} : { note: note.trim() })}
    >
      <TextArea label={t('field.note')} hint={t('hint.optional')} value={note} onChange={setNote} inputRef={ref} />
    </ActionForm>
  );
}

/** Rejection, with one reason or more (one a line). */
export function RejectForm({ busy, refusal, onSend, onCancel }: FormProps) {
  const { t } = useTranslation('actions');
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const ref = useFirstFocus();
  const reasons = text.split('\n').map((r) => r.trim()).filter((r) => r !== '');
  const error = tried && reasons.length === 0 ? t('invalid.reasonsRequired') : undefined;
  return (
    <ActionForm
      title={t('title.reject')}
      submitLabel={t('button.reject')}
      busy={busy}
      refusal={refusal}
      danger
      onCancel={onCancel}
      onSubmit={() => {
        setTried(true);
        if (reasons.length === 0) ref.current?.focus();
        else onSend({ reasons });
      }}
    >
      <TextArea label={t('field.reasons')} hint={t('hint.reasons')} value={text} onChange={setText} error={error} required rows={4} inputRef={ref} />
    </ActionForm>
  );
}
