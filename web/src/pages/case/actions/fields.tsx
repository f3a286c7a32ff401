/**
 * The pieces every action form is made of: a labelled field with its hint and its validation
 * message (tied to the input by aria-describedby), and the form around them with its submit and
 * cancel buttons and the server's refusal, if any.
 */
import { useEffect, useId, useRef, type FormEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

/** A ref for a field; with `first`, the field is focused when the form opens. */
export function useFirstFocus(first = true) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => {
    if (first) ref.current?.focus();
  }, [first]);
  return ref;
}

interface FieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
  readonly required?: boolean;
  readonly inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
}

function described(hintId: string, errorId: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint !== undefined ? hintId : '', error !== undefined ? errorId : ''].filter((s) => s !== '');
  return ids.length === 0 ? undefined : ids.join(' ');
}

function Message({ id, hint, error }: { readonly id: string; readonly hint?: string | undefined; readonly error?: string | undefined }) {
  return (
    <>
      {hint !== undefined && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error !== undefined && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </>
  );
}

/** A labelled text area. */
export function TextArea({ label, value, onChange, error, hint, required = false, inputRef, rows = 3 }: FieldProps & { readonly rows?: number }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        ref={inputRef}
        rows={rows}
        value={value}
        required={required}
        aria-invalid={error !== undefined}
        aria-describedby={described(`${id}-hint`, `${id}-error`, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
      <Message id={id} hint={hint} error={error} />
    </div>
  );
}

/** A labelled one-line input (text, url, number, date). */
export function Input({ label, value, onChange, error, hint, required = false, inputRef, type = 'text', min, inputMode }: FieldProps & { readonly type?: string; readonly min?: string; readonly inputMode?: 'decimal' | 'url' }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type={type}
        min={min}
        inputMode={inputMode}
        value={value}
        required={required}
        aria-invalid={error !== undefined}
        aria-describedby={described(`${id}-hint`, `${id}-error`, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
      <Message id={id} hint={hint} error={error} />
    </div>
  );
}

/** The inline form of one action: its title, its fields, the refusal if the server gave one, Send and Cancel. */
export function ActionForm({
  title,
  submitLabel,
  busy,
  refusal,
  danger = false,
  onSubmit,
  onCancel,
  children,
}: {
  readonly title: string;
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly refusal: string | null;
  readonly danger?: boolean;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation('actions');
  const titleId = useId();
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!busy) onSubmit();
  }
  return (
    <form className="act-form" aria-labelledby={titleId} onSubmit={submit} noValidate>
      <p id={titleId} className="act-form-title">
        {title}
      </p>
      {children}
      {refusal !== null && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
      <div className="act-form-buttons">
        <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy} aria-busy={busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </button>
        {busy && (
          <span className="muted" role="status">
            {t('sending')}
          </span>
        )}
      </div>
    </form>
  );
}
