/**
 * Handing the case over to another person, or asking another person to become its owner: a
 * person found by name in the people directory and a reason, both required. People the rules would
 * refuse (the one who already has it, the verifier, a co-executor as owner) are not offered.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PersonPicker } from '../../../ui/PersonPicker.js';
import { ActionForm, TextArea, useFirstFocus } from './fields.js';
import type { FormProps } from './formProps.js';

/** The handover form (`kind` handover) or the transfer-of-ownership form (`kind` transfer). */
export function PersonReasonForm({ kind, assignment: a, busy, refusal, onSend, onCancel }: FormProps & { readonly kind: 'handover' | 'transfer' }) {
  const { t } = useTranslation('actions');
  const exclude = kind === 'handover' ? [a.holderId, a.verifierId] : [a.ownerId, a.verifierId, ...a.coExecutorIds];
  const [personId, setPersonId] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const pickerRef = useFirstFocus();
  const reasonRef = useFirstFocus(false);
  const personError = tried && personId === '' ? t(`invalid.${kind}Person`) : undefined;
  const reasonError = tried && reason.trim() === '' ? t('invalid.reasonRequired') : undefined;
  return (
    <ActionForm
      title={t(`title.${kind}`)}
      submitLabel={t(`button.${kind}`)}
      busy={busy}
      refusal={refusal}
      onCancel={onCancel}
      onSubmit={() => {
        setTried(true);
        if (personId === '') pickerRef.current?.focus();
        else if (reason.trim() === '') reasonRef.current?.focus();
        else onSend({ toId: personId, reason: reason.trim() });
      }}
    >
      <PersonPicker label={t(`field.${kind}To`)} value={personId} onChange={setPersonId} exclude={exclude} error={personError} required inputRef={pickerRef} />
      <TextArea label={t('field.reason')} value={reason} onChange={setReason} error={reasonError} required inputRef={reasonRef} />
    </ActionForm>
  );
}
