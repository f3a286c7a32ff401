/**
 * The hour ledger as one horizontal bar from issue to verification, cancellation or now, made of
 * the ledger's intervals side by side (they tile the case's life, so the bar has no gap): each
 * coloured and numbered by its holder, hatched where it is overdue, with the deadlines and
 * escalations marked above it and date ticks below. Every segment is focusable and says who held
 * the case, in what role, from when to when and for how long; a legend names the holders.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ledger } from '../../api/types.js';
import { useFormat } from '../../format.js';
import type { CaseEvent, LedgerInterval } from './caseTypes.js';
import { useDurations } from './durations.js';
import type { HolderStyle } from './holderColours.js';
import { useNameOf } from './names.js';
import { percentOf, ticksOf, type Tick } from './timelineScale.js';
import './timeline.css';

/** A marker above the bar: a deadline, or an escalation. */
interface Marker {
  readonly kind: 'deadline' | 'escalation';
  readonly at: number;
  readonly label: string;
  readonly text: string;
}

/** The text of one interval: holder, role, from–to, duration, overdue. */
export function useIntervalText(): (iv: LedgerInterval) => string {
  const { t } = useTranslation('case');
  const format = useFormat();
  const d = useDurations();
  const nameOf = useNameOf();
  return (iv) =>
    t('timeline.segment', {
      holder: nameOf(iv.personId),
      role: t(`role.${iv.role}`, { defaultValue: iv.role }),
      from: format.dateTime(iv.from),
      to: format.dateTime(iv.to),
      duration: d.both(iv.ms),
    }) + (iv.overdue ? ` — ${t('timeline.overdue')}` : '');
}

function useMarkers(ledger: Ledger, events: readonly CaseEvent[] | undefined): Marker[] {
  const { t } = useTranslation('case');
  const format = useFormat();
  const nameOf = useNameOf();
  const start = Date.parse(ledger.start);
  const end = Date.parse(ledger.end);
  const deadlines = [ledger.originalDeadline, ...ledger.requests.filter((r) => r.kind === 'extension' && r.outcome === 'accepted' && r.deadline !== undefined).map((r) => r.deadline ?? '')];
  const out: Marker[] = [];
  for (const [i, d] of [...new Set(deadlines)].entries()) {
    const at = Date.parse(d);
    if (at < start || at > end) continue;
    out.push({ kind: 'deadline', at, label: t('timeline.markDeadline'), text: t(i === 0 ? 'timeline.originalDeadlineAt' : 'timeline.deadlineAt', { at: format.dateTime(d) }) });
  }
  for (const e of events ?? []) {
    if (e.type !== 'assignment.escalated') continue;
    const p = e.payload as { level?: number; to?: string };
    out.push({
      kind: 'escalation',
      at: Date.parse(e.at),
      label: t('timeline.markEscalation', { level: p.level ?? '?' }),
      text: t('timeline.escalationAt', { level: p.level ?? '?', to: nameOf(p.to), at: format.dateTime(e.at) }),
    });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Markers close together (within `near` %) shown as one label ("E1·E2"), at the first one's place. */
function groupMarkers(markers: readonly Marker[], start: number, end: number, near: number): { pct: number; kind: string; label: string; text: string }[] {
  const out: { pct: number; kind: string; label: string; text: string }[] = [];
  for (const m of markers) {
    const pct = percentOf(m.at, start, end);
    const last = out[out.length - 1];
    if (last !== undefined && pct - last.pct < near) {
      out[out.length - 1] = { ...last, kind: last.kind === m.kind ? last.kind : 'mixed', label: `${last.label}·${m.label}`, text: `${last.text}\n${m.text}` };
    } else out.push({ pct, kind: m.kind, label: m.label, text: m.text });
  }
  return out;
}

function tickLabel(locale: string, tick: Tick): string {
  const opts: Intl.DateTimeFormatOptions =
    tick.unit === 'hour'
      ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }
      : tick.unit === 'day'
        ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
        : tick.unit === 'month'
          ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
          : { year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, opts).format(new Date(tick.at));
}

/** The width of an element in px, kept up to date (1000 until measured). */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(1000);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return undefined;
    setWidth(el.clientWidth || 1000);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth || 1000));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** The timeline of a case's hour ledger. `styles` gives each holder a colour and number. */
export function LedgerTimeline({ ledger, styles, events }: { readonly ledger: Ledger; readonly styles: ReadonlyMap<string, HolderStyle>; readonly events?: readonly CaseEvent[] | undefined }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  const d = useDurations();
  const nameOf = useNameOf();
  const describe = useIntervalText();
  const markers = useMarkers(ledger, events);
  const [active, setActive] = useState<number | null>(null);
  const start = Date.parse(ledger.start);
  const end = Date.parse(ledger.end);
  const track = useRef<HTMLDivElement>(null);
  const width = useWidth(track);
  // As many ticks as fit (a label takes about 100 px), none where it would run into the edge labels.
  const edge = (115 / width) * 100;
  const ticks = ticksOf(start, end, Math.max(1, Math.floor(width / 100))).filter((k) => k.pct > edge && k.pct < 100 - edge);
  const activeInterval = active === null ? undefined : ledger.intervals[active];
  const holders = [...styles.entries()];
  const hasOverdue = ledger.intervals.some((i) => i.overdue);

  if (ledger.intervals.length === 0) return <p className="empty">{t('timeline.empty')}</p>;
  return (
    <figure className="timeline" aria-labelledby="timeline-caption">
      <figcaption id="timeline-caption" className="timeline-caption">
        {t(ledger.open ? 'timeline.captionOpen' : 'timeline.captionClosed', {
          start: format.dateTime(ledger.start),
          end: format.dateTime(ledger.end),
          span: d.span(ledger.elapsedMs),
          hours: d.hours(ledger.elapsedMs),
          count: ledger.intervals.length,
        })}
      </figcaption>
      <div className="timeline-track" ref={track}>
        <div className="timeline-marks" aria-hidden="true">
          {groupMarkers(markers, start, end, (30 / width) * 100).map((g) => (
            <span
              key={g.pct}
              className={`timeline-mark mark-${g.kind}${g.pct < 3 ? ' at-start' : g.pct > 97 ? ' at-end' : ''}`}
              style={{ left: `${g.pct}%` }}
              title={g.text}
            >
              <span className="mark-label">{g.label}</span>
            </span>
          ))}
        </div>
        <ol className="timeline-bar" aria-label={t('timeline.barLabel')} onMouseLeave={() => setActive(null)}>
          {ledger.intervals.map((iv, i) => {
            const s = styles.get(iv.personId);
            const pct = (iv.ms / Math.max(1, ledger.elapsedMs)) * 100;
            const text = describe(iv);
            return (
              <li
                key={iv.from}
                className={`timeline-seg${iv.overdue ? ' is-overdue' : ''}${active === i ? ' is-active' : ''}`}
                style={{ flexGrow: pct, backgroundColor: s?.fill, color: s?.ink, ['--hatch' as string]: s?.ink }}
                title={text}
                tabIndex={0}
                onMouseEnter={() => setActive(i)}
                onFocus={() => setActive(i)}
                onBlur={() => setActive(null)}
              >
                {pct >= 3 && s !== undefined && (
                  <span className="seg-number" aria-hidden="true">
                    {s.number}
                  </span>
                )}
                <span className="visually-hidden">{text}</span>
              </li>
            );
          })}
        </ol>
        {markers.map((m, i) => (
          <span key={i} className={`timeline-line line-${m.kind}`} style={{ left: `${percentOf(m.at, start, end)}%` }} aria-hidden="true" />
        ))}
        <div className="timeline-axis" aria-hidden="true">
          <span className="tick tick-edge tick-start">{format.date(ledger.start)}</span>
          {ticks.map((k) => (
            <span key={k.at} className="tick" style={{ left: `${k.pct}%` }}>
              {tickLabel(format.locale, k)}
            </span>
          ))}
          <span className="tick tick-edge tick-end">{ledger.open ? t('timeline.now') : format.date(ledger.end)}</span>
        </div>
      </div>
      <p className="timeline-detail no-print" aria-live="polite">
        {activeInterval === undefined ? <span className="muted">{t('timeline.hint')}</span> : describe(activeInterval)}
      </p>
      <ul className="timeline-legend" aria-label={t('timeline.legend')}>
        {holders.map(([id, s]) => (
          <li key={id}>
            <span className="swatch" style={{ backgroundColor: s.fill, color: s.ink }} aria-hidden="true">
              {s.number}
            </span>
            {nameOf(id)}
          </li>
        ))}
        {hasOverdue && (
          <li>
            <span className="swatch swatch-overdue" aria-hidden="true" />
            {t('timeline.overdueLegend')}
          </li>
        )}
        {markers.map((m, i) => (
          <li key={`m${i}`}>
            <span className={`swatch-mark mark-${m.kind}`} aria-hidden="true">
              {m.label}
            </span>
            {m.text}
          </li>
        ))}
      </ul>
    </figure>
  );
}
