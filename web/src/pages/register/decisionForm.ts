/**
 * The "new decision" form as data: its fields, the checks made before sending (each failing field
 * gets a message key), and the body of POST /decisions it becomes. Deadlines are typed as UTC
 * (the app shows every time in UTC).
 */

/** One assignment row of the form. */
export interface AssignmentRow {
  /** A local key for React (not sent). */
  readonly key: string;
  readonly title: string;
  readonly definitionOfDone: string;
  readonly ownerId: string;
  readonly verifierId: string;
  /** As a datetime-local input gives it: YYYY-MM-DDTHH:MM (UTC). */
  readonly deadline: string;
  readonly controllerId: string;
  readonly domain: string;
}

/** The whole form. */
export interface DecisionForm {
  readonly bodyId: string;
  readonly number: string;
  readonly date: string;
  readonly title: string;
  readonly text: string;
  readonly rows: readonly AssignmentRow[];
}

/** Field path → message key in the register namespace (e.g. `rows.0.ownerId` → `form.error.required`). */
export type FormErrors = Readonly<Record<string, string>>;

let seq = 0;

/** An empty assignment row. */
export function emptyRow(): AssignmentRow {
  seq += 1;
  return { key: `row-${seq}`, title: '', definitionOfDone: '', ownerId: '', verifierId: '', deadline: '', controllerId: '', domain: '' };
}

/** An empty form dated `today` (YYYY-MM-DD), without assignment rows yet ("Add assignment" adds them). */
export function emptyForm(today: string): DecisionForm {
  return { bodyId: '', number: '', date: today, title: '', text: '', rows: [] };
}

/** The instant a datetime-local value stands for, read as UTC (undefined if it is not one). */
export function deadlineInstant(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return undefined;
  const ms = Date.parse(`${local.length === 16 ? `${local}:00` : local}.000Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** What is wrong with the form at `now` (empty when it may be sent). */
export function validate(form: DecisionForm, now: number): FormErrors {
  const errors: Record<string, string> = {};
  const required = (path: string, v: string) => {
    if (v.trim() === '') errors[path] = 'form.error.required';
  };
  required('bodyId', form.bodyId);
  required('number', form.number);
  required('title', form.title);
  if (form.date === '') errors['date'] = 'form.error.required';
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date) || Number.isNaN(Date.parse(form.date))) errors['date'] = 'form.error.date';
  if (form.rows.length === 0) errors['rows'] = 'form.error.noRows';
  form.rows.forEach((r, i) => {
    const p = `rows.${i}.`;
    required(`${p}title`, r.title);
    required(`${p}definitionOfDone`, r.definitionOfDone);
    if (r.ownerId === '') errors[`${p}ownerId`] = 'form.error.person';
    if (r.verifierId === '') errors[`${p}verifierId`] = 'form.error.person';
    else if (r.verifierId === r.ownerId) errors[`${p}verifierId`] = 'form.error.verifierIsOwner';
    if (r.deadline === '') errors[`${p}deadline`] = 'form.error.required';
    else {
      const at = deadlineInstant(r.deadline);
      if (at === undefined) errors[`${p}deadline`] = 'form.error.deadline';
      else if (Date.parse(at) <= now) errors[`${p}deadline`] = 'form.error.past';
    }
  });
  return errors;
}

/** The body of POST /decisions for a valid form. */
export function requestBody(form: DecisionForm) {
  return {
    bodyId: form.bodyId,
    number: form.number.trim(),
    date: form.date,
    title: form.title.trim(),
    text: form.text,
    assignments: form.rows.map((r) => ({
      title: r.title.trim(),
      definitionOfDone: r.definitionOfDone.trim(),
      ownerId: r.ownerId,
      verifierId: r.verifierId,
      deadline: deadlineInstant(r.deadline),
      ...(r.controllerId !== '' ? { controllerId: r.controllerId } : {}),
      ...(r.domain.trim() !== '' ? { domain: r.domain.trim() } : {}),
    })),
  };
}
