/** A number of the scorecards that opens to the cases behind it (a button; its label says which figure of which unit and month). */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import type { FigureKey, OpenFigure } from './scorecardsModel.js';

/** The number `value`; pressing it opens `target`'s cases. Zero is shown plain. */
export function FigureButton({ value, target, where, onOpen, opened }: {
  readonly value: number;
  readonly target: OpenFigure;
  /** The unit's name (and month), for the label. */
  readonly where: string;
  readonly onOpen: (o: OpenFigure) => void;
  readonly opened: boolean;
}) {
  const { t } = useTranslation('scorecards');
  const f = useFormat();
  if (value === 0) return <>{f.number(0)}</>;
  const figure: FigureKey = target.figure;
  return (
    <button type="button" className="link-button score-figure" aria-pressed={opened} aria-label={t('openFigure', { figure: t(`figure.${figure}`), where, number: f.number(value) })} onClick={() => onOpen(target)}>
      {f.number(value)}
    </button>
  );
}
