/**
 * Submitting the work with evidence: files (each uploaded as soon as it is chosen, by
 * POST /files, and cited by the sha256 the server answers), a text, links and figures, and an
 * optional note. Checked before sending: at least one item, links that are web addresses,
 * figures with a label and a number, every file uploaded.
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotencyKey } from '../../../api/client.js';
import { useFormat } from '../../../format.js';
import { ActionForm, Input, TextArea, useFirstFocus } from './fields.js';
import type { FormProps } from './formProps.js';
import { useRefusalMessage } from './useStep.js';

/** The largest file the server takes (50 MiB). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

interface StoredFile {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
}

interface FileItem {
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly status: 'uploading' | 'done' | 'failed';
  readonly stored?: StoredFile;
  readonly error?: string;
}

interface LinkItem {
  readonly key: string;
  readonly url: string;
  readonly label: string;
}

interface FigureItem {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  readonly unit: string;
}

/** True for an http(s) address. */
function isWebAddress(s: string): boolean {
  try {
    const u = new URL(s.trim());
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A number typed with a point or a comma; undefined if it is not one. */
function numberOf(s: string): number | undefined {
  const t = s.trim().replace(/\s/g, '').replace(',', '.');
  if (t === '' || !/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** The submit form. */
export function SubmitForm({ busy, refusal, onSend, onCancel }: FormProps) {
  const { t } = useTranslation('actions');
  const f = useFormat();
  const refusalMessage = useRefusalMessage();
  const [files, setFiles] = useState<FileItem[]>([]);
  const [text, setText] = useState('');
  const [links, setLinks] = useState<LinkItem[]>([]);
  const [figures, setFigures] = useState<FigureItem[]>([]);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const uploads = useRef(new Map<string, Promise<StoredFile>>());
  const fileRef = useFirstFocus();
  const evidenceRef = useRef<HTMLFieldSetElement>(null);
  const id = useId();

  const size = (n: number): string =>
    n < 1024 ? t('size.bytes', { n: f.number(n) }) : n < 1024 * 1024 ? t('size.kb', { n: f.number(n / 1024, 1) }) : t('size.mb', { n: f.number(n / (1024 * 1024), 1) });

  function upload(file: File) {
    const key = crypto.randomUUID();
    const base = { key, name: file.name, size: file.size };
    if (file.size === 0 || file.size > MAX_FILE_BYTES) {
      setFiles((prev) => [...prev, { ...base, status: 'failed', error: file.size === 0 ? t('invalid.fileEmpty') : t('invalid.fileTooLarge') }]);
      return;
    }
    const promise = api<StoredFile>('POST', '/files', { raw: file, idempotencyKey: idempotencyKey() });
    uploads.current.set(key, promise);
    setFiles((prev) => [...prev, { ...base, status: 'uploading' }]);
    promise.then(
      (stored) => setFiles((prev) => prev.map((i) => (i.key === key ? { ...i, status: 'done', stored } : i))),
      (error: unknown) => setFiles((prev) => prev.map((i) => (i.key === key ? { ...i, status: 'failed', error: refusalMessage(error) } : i))),
    );
  }

  function remove(key: string) {
    uploads.current.delete(key);
    setFiles((prev) => prev.filter((i) => i.key !== key));
  }

  const linkError = (l: LinkItem) => (!isWebAddress(l.url) ? t('invalid.link') : undefined);
  const figureLabelError = (g: FigureItem) => (g.label.trim() === '' ? t('invalid.figureLabel') : undefined);
  const figureValueError = (g: FigureItem) => (numberOf(g.value) === undefined ? t('invalid.figureValue') : undefined);
  const items = files.filter((i) => i.status !== 'failed').length + (text.trim() === '' ? 0 : 1) + links.length + figures.length;
  const evidenceError = tried && items === 0 ? t('invalid.evidenceRequired') : undefined;

  async function submit() {
    setTried(true);
    setProblem(null);
    if (items === 0) {
      fileRef.current?.focus();
      return;
    }
    if (links.some((l) => linkError(l) !== undefined) || figures.some((g) => figureLabelError(g) !== undefined || figureValueError(g) !== undefined)) {
      // The messages appear with this render: then the first field in error takes the focus.
      requestAnimationFrame(() => evidenceRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    if (files.some((i) => i.status === 'failed')) {
      setProblem(t('invalid.fileFailed'));
      return;
    }
    setWaiting(true);
    const documents: Record<string, unknown>[] = [];
    try {
      for (const item of files) {
        const promise = uploads.current.get(item.key);
        if (promise === undefined) continue;
        const stored = await promise;
        documents.push({ kind: 'document', name: item.name, sha256: stored.sha256, size: stored.size, mediaType: stored.mediaType });
      }
    } catch {
      setProblem(t('invalid.fileFailed'));
      return;
    } finally {
      setWaiting(false);
    }
    const evidence = [
      ...documents,
      ...(text.trim() === '' ? [] : [{ kind: 'text', text: text.trim() }]),
      ...links.map((l) => ({ kind: 'link', url: l.url.trim(), ...(l.label.trim() === '' ? {} : { label: l.label.trim() }) })),
      ...figures.map((g) => ({ kind: 'figure', label: g.label.trim(), value: numberOf(g.value), ...(g.unit.trim() === '' ? {} : { unit: g.unit.trim() }) })),
    ];
    onSend(note.trim() === '' ? { evidence } : { evidence, note: note.trim() });
  }

  return (
    <ActionForm
      title={t('title.submit')}
      submitLabel={t('button.submit')}
      busy={busy || waiting}
      refusal={problem ?? refusal}
      onCancel={onCancel}
      onSubmit={() => void submit()}
    >
      <fieldset ref={evidenceRef} className="act-evidence" aria-describedby={`${id}-hint`}>
        <legend>{t('field.evidence')}</legend>
        <p id={`${id}-hint`} className="hint">
          {t('hint.evidence')}
        </p>
        {evidenceError !== undefined && (
          <p className="field-error" role="alert">
            {evidenceError}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('field.file')}</label>
          <input
            id={`${id}-file`}
            ref={fileRef}
            type="file"
            multiple
            aria-describedby={`${id}-file-hint`}
            onChange={(e) => {
              for (const file of Array.from(e.target.files ?? [])) upload(file);
              e.target.value = '';
            }}
          />
          <span id={`${id}-file-hint`} className="hint">
            {t('hint.file')}
          </span>
        </div>
        {files.length > 0 && (
          <ul className="act-files" aria-label={t('field.files')}>
            {files.map((i) => (
              <li key={i.key}>
                <span className="act-file-name">{i.name}</span> <span className="muted">{size(i.size)}</span>{' '}
                <span className={i.status === 'failed' ? 'field-error' : 'muted'} role={i.status === 'uploading' ? undefined : 'status'}>
                  {i.status === 'uploading' ? t('file.uploading') : i.status === 'done' ? t('file.uploaded') : t('file.failed', { reason: i.error ?? '' })}
                </span>{' '}
                <button type="button" className="act-small" onClick={() => remove(i.key)} aria-label={t('removeNamed', { name: i.name })}>
                  {t('remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <TextArea label={t('field.text')} value={text} onChange={setText} />
        {links.map((l, n) => (
          <div className="act-item" key={l.key}>
            <div className="act-row act-link-row">
              <Input
                label={t('field.link')}
                type="url"
                inputMode="url"
                value={l.url}
                onChange={(url) => setLinks((prev) => prev.map((x) => (x.key === l.key ? { ...x, url } : x)))}
                error={tried ? linkError(l) : undefined}
                hint={t('hint.link')}
              />
              <Input label={t('field.linkLabel')} hint={t('hint.optional')} value={l.label} onChange={(label) => setLinks((prev) => prev.map((x) => (x.key === l.key ? { ...x, label } : x)))} />
            </div>
            <button type="button" className="act-small" onClick={() => setLinks((prev) => prev.filter((x) => x.key !== l.key))} aria-label={t('removeLink', { n: n + 1 })}>
              {t('remove')}
            </button>
          </div>
        ))}
        {figures.map((g, n) => (
          <div className="act-item" key={g.key}>
            <div className="act-row act-figure-row">
              <Input
                label={t('field.figure')}
                value={g.label}
                onChange={(label) => setFigures((prev) => prev.map((x) => (x.key === g.key ? { ...x, label } : x)))}
                error={tried ? figureLabelError(g) : undefined}
                hint={t('hint.figure')}
              />
              <Input
                label={t('field.value')}
                inputMode="decimal"
                value={g.value}
                onChange={(value) => setFigures((prev) => prev.map((x) => (x.key === g.key ? { ...x, value } : x)))}
                error={tried ? figureValueError(g) : undefined}
              />
              <Input label={t('field.unit')} hint={t('hint.optional')} value={g.unit} onChange={(unit) => setFigures((prev) => prev.map((x) => (x.key === g.key ? { ...x, unit } : x)))} />
            </div>
            <button type="button" className="act-small" onClick={() => setFigures((prev) => prev.filter((x) => x.key !== g.key))} aria-label={t('removeFigure', { n: n + 1 })}>
              {t('remove')}
            </button>
          </div>
        ))}
        <div className="act-add">
          <button type="button" onClick={() => setLinks((prev) => [...prev, { key: crypto.randomUUID(), url: '', label: '' }])}>
            {t('addLink')}
          </button>
          <button type="button" onClick={() => setFigures((prev) => [...prev, { key: crypto.randomUUID(), label: '', value: '', unit: '' }])}>
            {t('addFigure')}
          </button>
        </div>
      </fieldset>
      <TextArea label={t('field.note')} hint={t('hint.optional')} value={note} onChange={setNote} />
    </ActionForm>
  );
}
