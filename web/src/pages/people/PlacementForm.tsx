/**
 * The settings of a placement proposal: the unit (the board's unit picker; every unit the caller
 * sees by default), only vacant posts, the same territory, the move cost (a number from 0 to 100,
 * said wrong in words when it is not), and "Propose". It starts from the settings of the proposal
 * shown, if any.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitSelect } from '../board/UnitPicker.js';
import { DEFAULT_MOVE_COST, moveCostOf, type PlacementSettings } from './peopleModel.js';

function sameSettings(a: PlacementSettings | null, b: PlacementSettings | null): boolean {
  return a === b || (a !== null && b !== null && a.unit === b.unit && a.vacant === b.vacant && a.sameTerritory === b.sameTerritory && a.moveCost === b.moveCost);
}

/**
 * The form; it shows `shown` (the settings of the proposal shown) again whenever they change (the
 * back button); `onPropose` gets valid settings only; `busy` disables the button while a proposal is computed.
 */
export function PlacementForm({ shown, busy, onPropose }: { readonly shown: PlacementSettings | null; readonly busy: boolean; readonly onPropose: (s: PlacementSettings) => void }) {
  const { t } = useTranslation('people');
  const [unit, setUnit] = useState(shown?.unit ?? null);
  const [vacant, setVacant] = useState(shown?.vacant ?? false);
  const [sameTerritory, setSameTerritory] = useState(shown?.sameTerritory ?? false);
  const [moveCost, setMoveCost] = useState(String(shown?.moveCost ?? DEFAULT_MOVE_COST));
  const [invalid, setInvalid] = useState(false);
  const [was, setWas] = useState(shown);
  const id = useId();
  if (!sameSettings(was, shown)) {
    setWas(shown);
    setUnit(shown?.unit ?? null);
    setVacant(shown?.vacant ?? false);
    setSameTerritory(shown?.sameTerritory ?? false);
    setMoveCost(String(shown?.moveCost ?? DEFAULT_MOVE_COST));
    setInvalid(false);
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const cost = moveCostOf(moveCost);
    setInvalid(cost === null);
    if (cost !== null) onPropose({ unit, vacant, sameTerritory, moveCost: cost });
  };

  return (
    <form className="toolbar card people-controls" aria-label={t('placement.controls')} onSubmit={submit} noValidate>
      <UnitSelect value={unit} onChange={setUnit} />
      <div className="people-checks">
        <label className="people-check">
          <input type="checkbox" checked={vacant} onChange={(e) => setVacant(e.target.checked)} /> {t('placement.vacant')}
        </label>
        <label className="people-check">
          <input type="checkbox" checked={sameTerritory} onChange={(e) => setSameTerritory(e.target.checked)} /> {t('placement.sameTerritory')}
        </label>
      </div>
      <div className="field people-move-cost">
        <label htmlFor={`${id}-cost`}>{t('placement.moveCost')}</label>
        <input
          id={`${id}-cost`}
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step="any"
          value={moveCost}
          onChange={(e) => setMoveCost(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
        <span id={`${id}-hint`} className="hint">
          {t('placement.moveCostHint')}
        </span>
        {invalid && (
          <p id={`${id}-error`} className="field-error">
            {t('placement.moveCostInvalid')}
          </p>
        )}
      </div>
      {/* aria-disabled, not disabled: the button keeps the focus while the proposal is computed. */}
      <button type="submit" className="primary" aria-disabled={busy}>
        {t('placement.propose')}
      </button>
    </form>
  );
}
