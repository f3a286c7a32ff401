/**
 * The constraints chosen for the next proposal, above the table: one chip each ("Keep Anna Petrova
 * in Head of Roads", "Exclude Ivan Orlov from Head of Parks") with a button that removes it (the
 * focus then goes to the next chip, else to the heading), a button that removes them all, and — in
 * a polite live region, there even when nothing is chosen — whether they wait for "Propose".
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import { nameIn } from './peopleModel.js';
import type { Constraint } from './placementConstraints.js';

/** The words of a constraint, as its chip and its row's button say it. */
export function useConstraintText(): (c: Constraint, names: Readonly<Record<string, string>>) => string {
  const { t } = useTranslation('people');
  return (c, names) => t(c.kind === 'keep' ? 'constraints.keep' : 'constraints.exclude', { person: nameIn(names, c.personId), post: nameIn(names, c.postId) });
}

/** The chips of `constraints`; `applied`: the proposal shown was computed under exactly these. */
export function ConstraintChips({
  constraints,
  applied,
  names,
  onRemove,
  onClear,
}: {
  readonly constraints: readonly Constraint[];
  readonly applied: boolean;
  readonly names: Readonly<Record<string, string>>;
  readonly onRemove: (c: Constraint) => void;
  readonly onClear: () => void;
}) {
  const { t } = useTranslation('people');
  const f = useFormat();
  const text = useConstraintText();
  const section = useRef<HTMLElement>(null);
  // After a removal: the index of the chip whose button takes the focus once the chips are drawn again.
  const focusAt = useRef<number | null>(null);
  useEffect(() => {
    const at = focusAt.current;
    if (at === null) return;
    focusAt.current = null;
    const buttons = section.current?.querySelectorAll<HTMLButtonElement>('.people-chip-remove') ?? [];
    const next = buttons[Math.min(at, buttons.length - 1)];
    if (next !== undefined) next.focus();
    else section.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [constraints]);
  const remove = (c: Constraint, at: number) => {
    focusAt.current = at;
    onRemove(c);
  };
  const clear = () => {
    focusAt.current = 0;
    onClear();
  };
  const status = applied ? '' : constraints.length === 0 ? t('constraints.pendingNone') : t('constraints.pending', { count: constraints.length, number: f.number(constraints.length) });
  return (
    <div className="people-constraints">
      {(constraints.length > 0 || !applied) && (
        <section ref={section} aria-labelledby="placement-constraints" className="card">
          <div className="page-head">
            <h2 id="placement-constraints" tabIndex={-1}>
              {t('constraints.title')} <span className="muted">({f.number(constraints.length)})</span>
            </h2>
            {constraints.length > 0 && (
              <button type="button" onClick={clear}>
                {t('constraints.clear')}
              </button>
            )}
          </div>
          {constraints.length === 0 ? (
            <p className="muted">{t('constraints.none')}</p>
          ) : (
            <ul className="people-chips">
              {constraints.map((c, i) => {
                const words = text(c, names);
                return (
                  <li key={`${c.kind}-${c.postId}-${c.personId}`} className={`people-chip people-chip-${c.kind}`}>
                    <span>{words}</span>
                    <button type="button" className="people-chip-remove" aria-label={t('constraints.remove', { constraint: words })} onClick={() => remove(c, i)}>
                      <span aria-hidden="true">×</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
      <p role="status" aria-live="polite" className="people-pending">
        {status}
      </p>
    </div>
  );
}
