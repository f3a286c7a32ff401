/**
 * Registering a decision and breaking it into assignments in one form: the decision (body, number,
 * date, title, text) and one or more assignment rows (title, definition of done, owner, verifier,
 * deadline; optionally controller and domain). Checked before sending, with each message beside
 * its field; sent as one POST /decisions (all or nothing) under an Idempotency-Key; a refusal is
 * said by its code. On success, the decision's page.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError, idempotencyKey, query } from '../../api/client.js';
import type { Body, Decision, Page } from '../../api/types.js';
import { PersonPicker } from '../../ui/PersonPicker.js';
import { useErrorMessage } from '../../ui/states.js';
import { emptyForm, emptyRow, requestBody, validate, type AssignmentRow, type DecisionForm, type FormErrors } from './decisionForm.js';
import { FormField } from './FormField.js';

async function allBodies(signal: AbortSignal): Promise<Body[]> {
  const bodies: Body[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await api<Page<Body>>('GET', `/bodies${query({ limit: 200, cursor })}`, { signal });
    bodies.push(...page.items);
    if (page.next === null) break;
    cursor = page.next;
  }
  return bodies.sort((a, b) => a.level - b.level || a.name.localeCompare(b.name));
}

/** Server codes said next to a field rather than above the form. */
const FIELD_OF_CODE: Record<string, string> = { DECISION_NUMBER_TAKEN: 'number', DATE_INVALID: 'date' };

/** The form; `onCancel` closes it. */
export function NewDecisionForm({ onCancel }: { readonly onCancel: () => void }) {
  const { t, i18n } = useTranslation('register');
  const message = useErrorMessage();
  const navigate = useNavigate();
  const client = useQueryClient();
  const bodies = useQuery({ queryKey: ['bodies', 'all'], queryFn: ({ signal }) => allBodies(signal), staleTime: 10 * 60_000 });
  const [form, setForm] = useState<DecisionForm>(() => emptyForm(new Date().toISOString().slice(0, 10)));
  const [tried, setTried] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const key = useRef<string | null>(null);

  const errors: FormErrors = tried ? { ...validate(form, Date.now()), ...serverErrors } : serverErrors;
  const err = (path: string): string | undefined => {
    const k = errors[path];
    return k === undefined ? undefined : t(k);
  };

  useEffect(() => {
    if (focusTick === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusTick]);

  const create = useMutation({
    mutationFn: (body: ReturnType<typeof requestBody>) => api<Decision>('POST', '/decisions', { body, idempotencyKey: key.current ?? undefined }),
    onSuccess: async (decision) => {
      await client.invalidateQueries({ queryKey: ['decisions'] });
      void navigate(`/decisions/${encodeURIComponent(decision.id)}`);
    },
    onError: (error) => {
      // A retry after a network failure keeps its key (the server answers with the first outcome); anything else gets a new one.
      if (!(error instanceof ApiError && error.code === 'NETWORK')) key.current = null;
      const field = error instanceof ApiError ? FIELD_OF_CODE[error.code] : undefined;
      if (error instanceof ApiError && field !== undefined) {
        setServerErrors({ [field]: `refusal.${error.code}` });
        setFocusTick((n) => n + 1);
      }
    },
  });

  const set = (change: Partial<DecisionForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setServerErrors({});
    if (create.isError) create.reset();
  };
  const setRow = (i: number, change: Partial<AssignmentRow>) => set({ rows: form.rows.map((r, j) => (j === i ? { ...r, ...change } : r)) });

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (Object.keys(validate(form, Date.now())).length > 0) {
      setFocusTick((n) => n + 1);
      return;
    }
    key.current ??= idempotencyKey();
    create.mutate(requestBody(form));
  }

  const refusal = (() => {
    const error = create.error;
    if (error === null || (error instanceof ApiError && FIELD_OF_CODE[error.code] !== undefined)) return null;
    if (error instanceof ApiError && i18n.exists(`register:refusal.${error.code}`)) return t(`refusal.${error.code}`, { detail: error.detail });
    return message(error);
  })();

  return (
    <form ref={formRef} className="card new-decision" aria-labelledby="new-decision-heading" noValidate onSubmit={submit}>
      <h2 id="new-decision-heading">{t('form.heading')}</h2>
      <div className="form-row">
        <FormField label={t('form.body')} value={form.bodyId} onChange={(bodyId) => set({ bodyId })} error={err('bodyId')} required>
          <option value="">{bodies.isPending ? t('common:state.loading') : t('form.chooseBody')}</option>
          {(bodies.data ?? []).map((b) => (
            <option key={b.id} value={b.id}>
              {t('form.bodyOption', { name: b.name, level: b.level })}
            </option>
          ))}
        </FormField>
        <FormField label={t('form.number')} value={form.number} onChange={(number) => set({ number })} error={err('number')} required />
        <FormField label={t('form.date')} type="date" value={form.date} onChange={(date) => set({ date })} error={err('date')} required />
      </div>
      <FormField label={t('form.title')} value={form.title} onChange={(title) => set({ title })} error={err('title')} required />
      <FormField label={t('form.text')} value={form.text} onChange={(text) => set({ text })} multiline />

      <h3>{t('form.assignments')}</h3>
      {err('rows') !== undefined ? <p className="field-error">{err('rows')}</p> : form.rows.length === 0 && <p className="muted">{t('form.noRowsYet')}</p>}
      {form.rows.map((row, i) => {
        const p = `rows.${i}.`;
        return (
          <fieldset key={row.key} className="assignment-row">
            <legend>{t('form.rowLegend', { n: i + 1 })}</legend>
            <FormField label={t('form.assignmentTitle')} value={row.title} onChange={(title) => setRow(i, { title })} error={err(`${p}title`)} required />
            <FormField
              label={t('form.definitionOfDone')}
              hint={t('form.definitionOfDoneHint')}
              value={row.definitionOfDone}
              onChange={(definitionOfDone) => setRow(i, { definitionOfDone })}
              error={err(`${p}definitionOfDone`)}
              multiline
              required
            />
            <div className="form-row">
              <PersonPicker label={t('form.owner')} value={row.ownerId} onChange={(ownerId) => setRow(i, { ownerId })} error={err(`${p}ownerId`)} required />
              <PersonPicker label={t('form.verifier')} value={row.verifierId} onChange={(verifierId) => setRow(i, { verifierId })} error={err(`${p}verifierId`)} required />
              <FormField
                label={t('form.deadline')}
                hint={t('form.deadlineHint')}
                type="datetime-local"
                value={row.deadline}
                onChange={(deadline) => setRow(i, { deadline })}
                error={err(`${p}deadline`)}
                required
              />
            </div>
            <div className="form-row">
              <PersonPicker label={t('form.controller')} hint={t('form.optional')} value={row.controllerId} onChange={(controllerId) => setRow(i, { controllerId })} />
              <FormField label={t('form.domain')} hint={t('form.domainHint')} value={row.domain} onChange={(domain) => setRow(i, { domain })} />
            </div>
            <button type="button" className="danger" onClick={() => set({ rows: form.rows.filter((_, j) => j !== i) })}>
              {t('form.removeRow', { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      <p>
        <button type="button" onClick={() => set({ rows: [...form.rows, emptyRow()] })}>
          {t('form.addRow')}
        </button>
      </p>
      {refusal !== null && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
      {tried && Object.keys(errors).length > 0 && (
        <p className="form-error" role="alert">
          {t('form.fixErrors', { count: Object.keys(errors).length })}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t('form.creating') : t('form.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common:action.cancel')}
        </button>
      </div>
    </form>
  );
}
