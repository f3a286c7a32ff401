/**
 * The one way to choose a person: a labelled combobox (the ARIA 1.2 pattern, list autocomplete)
 * that asks the people directory (GET /api/v1/directory, open to everyone signed in) as the person
 * types — from 2 characters, after a short pause — and shows each person found with their unit.
 * Arrow keys move through the suggestions, Enter chooses, Escape closes them (or, closed, clears
 * the field); typing a name in full and leaving the field chooses that person too. The value is
 * the chosen person's id ('' while nobody is chosen: typing clears the choice).
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { directorySchema } from '../../../src/http/routes/directory.schemas.js';
import { api, query } from '../api/client.js';
import { useFormat } from '../format.js';
import { primeNames, useName } from './names.js';
import { useErrorMessage } from './states.js';
import './PersonPicker.css';

/** One person as the directory shows them: id, name, unit. */
export type DirectoryPerson = z.infer<typeof directorySchema>['items'][number];

/** Suggestions shown at most. */
const SHOWN = 10;
/** The directory's own bounds: the text searched, the page size. */
const MIN_CHARS = 2;
const MAX_CHARS = 100;
const MAX_LIMIT = 20;
/** The pause after the last keystroke before the directory is asked, in ms. */
const PAUSE_MS = 250;

/** `value`, once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Lower case without accents, to compare a name typed in full with the names found. */
function folded(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().trim();
}

/** The people found for `term` (nothing is asked below MIN_CHARS), without those in `exclude`. */
function useDirectory(term: string, exclude: readonly string[]) {
  const limit = Math.min(MAX_LIMIT, SHOWN + exclude.length);
  const q = useQuery({
    queryKey: ['directory', term, limit],
    queryFn: ({ signal }) => api<{ items: DirectoryPerson[] }>('GET', `/directory${query({ search: term, limit })}`, { signal }),
    enabled: term.length >= MIN_CHARS,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const found = (q.data?.items ?? []).filter((p) => !exclude.includes(p.id)).slice(0, SHOWN);
  return { found, pending: q.isFetching || q.isPlaceholderData, error: q.error };
}

/** A labelled person field; `value` is a person id ('' for none); `exclude` are people not offered (those the rules would refuse). */
export function PersonPicker({
  label,
  value,
  onChange,
  error,
  hint,
  required = false,
  exclude = [],
  inputRef,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (personId: string) => void;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
  readonly required?: boolean;
  readonly exclude?: readonly string[];
  readonly inputRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const message = useErrorMessage();
  const client = useQueryClient();
  const id = useId();
  /** What the person is typing; null while the field shows the chosen person. */
  const [text, setText] = useState<string | null>(null);
  const [chosen, setChosen] = useState<DirectoryPerson | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  /** The text the person left the field with before its search answered: chosen once it has, if it names exactly one person. */
  const [leftWith, setLeftWith] = useState<string | null>(null);
  const known = chosen !== null && chosen.id === value ? chosen : null;
  // A value given from outside (not chosen here): its name, looked up by id.
  const outsideName = useName(value !== '' && known === null ? value : null);
  const typed = text?.trim() ?? '';
  const term = useSettled(typed, PAUSE_MS);
  const { found, pending, error: searchError } = useDirectory(text === null ? '' : term, exclude);
  const searching = text !== null && typed.length >= MIN_CHARS && (term !== typed || pending);
  const expanded = open && text !== null && typed.length >= MIN_CHARS && found.length > 0;
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;

  useEffect(() => {
    if (expanded && active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  // Left with a name typed in full before the directory answered: choose it once it has.
  useEffect(() => {
    if (leftWith === null || text === null || leftWith !== typed || term !== typed || pending) return;
    setLeftWith(null);
    const exact = exactMatch();
    if (exact !== undefined) choose(exact);
  });

  function choose(p: DirectoryPerson) {
    primeNames(client, { [p.id]: p.name });
    setChosen(p);
    setText(null);
    setOpen(false);
    setActive(-1);
    onChange(p.id);
  }

  function type(next: string) {
    setText(next);
    setOpen(true);
    setActive(-1);
    setLeftWith(null);
    if (value !== '') onChange('');
  }

  /** The one person found whose name is the text typed (case and accents ignored), if exactly one. */
  function exactMatch(): DirectoryPerson | undefined {
    const exact = found.filter((p) => folded(p.name) === folded(typed));
    return exact.length === 1 ? exact[0] : undefined;
  }

  function leave() {
    setOpen(false);
    setActive(-1);
    if (text === null || typed.length < MIN_CHARS) return;
    if (term !== typed || pending) {
      setLeftWith(typed);
      return;
    }
    const exact = exactMatch();
    if (exact !== undefined) choose(exact);
  }

  function keyDown(e: KeyboardEvent<HTMLInputElement>) {
    const n = found.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (text === null || n === 0) return;
      e.preventDefault();
      const down = e.key === 'ArrowDown';
      setOpen(true);
      setActive((i) => (!expanded || i < 0 ? (down ? 0 : n - 1) : (i + (down ? 1 : n - 1)) % n));
    } else if (e.key === 'Enter' && expanded && active >= 0) {
      const p = found[active];
      if (p === undefined) return;
      e.preventDefault();
      choose(p);
    } else if (e.key === 'Escape') {
      if (expanded) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        setActive(-1);
      } else if ((text ?? '') !== '' || value !== '') {
        e.preventDefault();
        e.stopPropagation();
        type('');
      }
    }
  }

  const status = (() => {
    if (text === null) {
      if (value === '') return t('picker.hint');
      return known !== null ? t('picker.chosen', { name: known.name, unit: known.unitName }) : t('picker.chosenName', { name: outsideName });
    }
    if (typed.length < MIN_CHARS) return t('picker.minChars', { count: MIN_CHARS, number: f.number(MIN_CHARS) });
    if (searchError !== null && !searching) return message(searchError);
    if (searching) return t('picker.searching');
    if (found.length === 0) return t('picker.none');
    return t('picker.found', { count: found.length, number: f.number(found.length) });
  })();

  const hintId = `${id}-hint`;
  const statusId = `${id}-status`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : '', statusId, error !== undefined ? errorId : ''].filter((s) => s !== '').join(' ');
  return (
    <div className="field person-picker">
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <div className="person-picker-box">
        <input
          id={id}
          ref={inputRef}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          maxLength={MAX_CHARS}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-invalid={error !== undefined}
          aria-required={required}
          aria-describedby={describedBy}
          value={text ?? known?.name ?? (value === '' ? '' : outsideName)}
          onChange={(e) => type(e.target.value)}
          onFocus={() => {
            setOpen(true);
            setLeftWith(null);
          }}
          onBlur={leave}
          onKeyDown={keyDown}
        />
        <ul id={listId} role="listbox" aria-label={t('picker.suggestions', { label })} className="person-picker-list" hidden={!expanded}>
          {found.map((p, i) => (
            <li
              key={p.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(p)}
            >
              <span className="person-picker-name">{p.name}</span> <span className="person-picker-unit">{p.unitName}</span>
            </li>
          ))}
        </ul>
      </div>
      <span id={statusId} className="hint person-picker-status" aria-live="polite">
        {status}
      </span>
      {error !== undefined && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
