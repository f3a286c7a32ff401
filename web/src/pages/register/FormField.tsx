/** A labelled text, date, select or multi-line field with its hint and error message tied to it (aria-describedby). */
import { useId, type ReactNode } from 'react';

/** One form field; `children` makes it a select (its options). */
export function FormField({ label, value, onChange, error, hint, type = 'text', multiline = false, required = false, children, className }: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly hint?: string;
  readonly type?: 'text' | 'date' | 'datetime-local';
  readonly multiline?: boolean;
  readonly required?: boolean;
  readonly children?: ReactNode;
  readonly className?: string;
}) {
  const id = useId();
  const describedBy = [hint !== undefined ? `${id}-hint` : '', error !== undefined ? `${id}-error` : ''].filter((s) => s !== '').join(' ') || undefined;
  const common = {
    id: `${id}-input`,
    value,
    'aria-invalid': error !== undefined,
    'aria-describedby': describedBy,
    'aria-required': required,
  };
  return (
    <div className={`field${className === undefined ? '' : ` ${className}`}`}>
      <label htmlFor={`${id}-input`}>
        <span>{label}</span>
      </label>
      {hint !== undefined && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {children !== undefined ? (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          {children}
        </select>
      ) : multiline ? (
        <textarea {...common} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} onChange={(e) => onChange(e.target.value)} />
      )}
      {error !== undefined && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
