/**
 * Asking for a later deadline: a new date (the time of day stays that of the deadline in force,
 * in UTC, as the app shows deadlines) and a reason. Checked before sending: a date is chosen, it
 * is later than the current deadline and in the future, and a reason is given.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../format.js';
import { ActionForm, Input, TextArea, useFirstFocus } from './fields.js';
import type { FormProps } from './formProps.js';

/** The ISO instant of `date` (YYYY-MM-DD) at the time of day of `deadline`; undefined if not a date. */
export function newDeadline(date: string, deadline: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const iso = `${date}T${deadline.slice(11)}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : new Date(iso).toISOString();
}

function dayAfter(iso: string): string {
  return new Date(Date.parse(iso) + 86_400_000).toISOString().slice(0, 10);
}

/** The extension request form. */
export function ExtensionForm({ assignment: a, busy, refusal, onSend, onCancel }: FormProps) {
  const { t } = useTranslation('actions');
  const f = useFormat();
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const dateRef = useFirstFocus();
  const reasonRef = useFirstFocus(false);
  const iso = newDeadline(date, a.deadline);
  const dateProblem =
    date === ''
      ? t('invalid.deadlineRequired')
      : iso === undefined
        ? t('invalid.deadlineInvalid')
        : Date.parse(iso) <= Date.parse(a.deadline)
          ? t('invalid.deadlineNotLater', { deadline: f.dateTime(a.deadline) })
          : Date.parse(iso) <= Date.now()
            ? t('invalid.deadlinePast')
            : undefined;
  const reasonProblem = reason.trim() === '' ? t('invalid.reasonRequired') : undefined;
  return (
    <ActionForm
      title={t('title.extension')}
      submitLabel={t('button.extension')}
      busy={busy}
      refusal={refusal}
      onCancel={onCancel}
      onSubmit={() => {
        setTried(true);
        if (dateProblem !== undefined || iso === undefined) dateRef.current?.focus();
        else if (reasonProblem !== undefined) reasonRef.current?.focus();
        else onSend({ deadline: iso, reason: reason.trim() });
      }}
    >
      <Input
        label={t('field.newDeadline')}
        type="date"
        min={dayAfter(a.deadline)}
        value={date}
        onChange={setDate}
        hint={t('hint.newDeadline', { deadline: f.dateTime(a.deadline) })}
        error={tried ? dateProblem : undefined}
        required
        inputRef={dateRef}
      />
      <TextArea label={t('field.reason')} value={reason} onChange={setReason} error={tried ? reasonProblem : undefined} required inputRef={reasonRef} />
    </ActionForm>
  );
}
