/**
 * Names on the case page: the ledger's own table of names (everyone and every unit the case
 * mentions, resolved by the server in one read), falling back to a fetched name for anything it
 * lacks, and "the system" for the ladder's automatic steps.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Name } from '../../ui/names.js';

const NamesContext = createContext<Readonly<Record<string, string>>>({});

/** Provides the case's names (the ledger's `names`) to everything below. */
export function CaseNames({ names, children }: { readonly names: Readonly<Record<string, string>>; readonly children: ReactNode }) {
  return <NamesContext.Provider value={names}>{children}</NamesContext.Provider>;
}

/** The actor of the scheduler's own steps. */
export const SYSTEM_ACTOR = 'system';

/** A name as text (for titles and sentences): the case's table, "the system", else the id itself. */
export function useNameOf(): (id: string | null | undefined) => string {
  const names = useContext(NamesContext);
  const { t } = useTranslation('case');
  return (id) => {
    if (id === null || id === undefined || id === '') return '—';
    if (id === SYSTEM_ACTOR) return t('actor.system');
    return names[id] ?? id;
  };
}

/** A person, unit, body or decision shown by name, with its id as a tooltip. */
export function Who({ id }: { readonly id: string | null | undefined }) {
  const names = useContext(NamesContext);
  const { t } = useTranslation('case');
  if (id === null || id === undefined || id === '') return <span>—</span>;
  if (id === SYSTEM_ACTOR) return <span>{t('actor.system')}</span>;
  const known = names[id];
  if (known === undefined) return <Name id={id} />;
  return <span title={id}>{known}</span>;
}
