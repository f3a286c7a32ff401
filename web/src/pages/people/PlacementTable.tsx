/**
 * The posts of a proposal, one row each: the post (a button that opens the fitness of the person
 * proposed, aria-expanded), the person proposed and their points, the holder now and theirs, the
 * gain, the runner-up with what the placement would lose without the person proposed, and the
 * buttons that keep or exclude people (RowConstraints). People link to their record.
 */
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../api/types.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { FitnessDetail } from './FitnessDetail.js';
import { changes, listedPosts, nameIn, type ProposedPost } from './peopleModel.js';
import { PersonLink } from './PersonLink.js';
import type { Constraint } from './placementConstraints.js';
import { useRates } from './rates.js';
import { RowConstraints } from './RowConstraints.js';

const COLUMNS = 9;

/**
 * The table of the posts `listedPosts(proposal, all, constrained)` gives; `constraints` are those
 * chosen for the next proposal, `onToggle` adds or removes one.
 */
export function PlacementTable({
  proposal,
  all,
  constrained,
  constraints,
  onToggle,
}: {
  readonly proposal: Proposal;
  readonly all: boolean;
  readonly constrained: ReadonlySet<string>;
  readonly constraints: readonly Constraint[];
  readonly onToggle: (c: Constraint) => void;
}) {
  const { t } = useTranslation('people');
  const r = useRates();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (postId: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(postId)) next.add(postId);
      return next;
    });
  const names = proposal.names;
  const rows = listedPosts(proposal, all, constrained);
  const caption = all ? t('placement.captionAll') : rows.some((p) => !changes(p)) ? t('placement.captionConstrained') : t('placement.caption');
  const dash = <span className="muted">—</span>;
  const row = (p: ProposedPost) => {
    const expanded = open.has(p.postId);
    const detailId = `fitness-${p.postId}`;
    const gain = p.gainOverHolder;
    return (
      <Fragment key={p.postId}>
        <tr className={changes(p) ? 'placement-changed' : undefined}>
          <th scope="row">
            <button type="button" className="people-disclosure" aria-expanded={expanded} aria-controls={expanded ? detailId : undefined} onClick={() => toggle(p.postId)}>
              {nameIn(names, p.postId)}
            </button>
          </th>
          <td>
            {p.personId === null ? <span className="muted">{t('placement.leftEmpty')}</span> : <PersonLink id={p.personId} names={names} />}
            {p.pinned && <span className="badge people-pinned">{t('placement.pinned')}</span>}
          </td>
          <td className="num">{p.fitness === null ? dash : r.points(p.fitness.points)}</td>
          <td>{p.holderId === null ? <span className="muted">{t('placement.vacantNow')}</span> : <PersonLink id={p.holderId} names={names} />}</td>
          <td className="num">{p.holderPoints === null ? dash : r.points(p.holderPoints)}</td>
          <td className={gain !== null && gain > 0 ? 'num people-up' : gain !== null && gain < 0 ? 'num people-down' : 'num'}>{gain === null ? dash : r.signed(gain)}</td>
          <td>
            {p.runnerUp === null ? (
              dash
            ) : p.runnerUp.personId === null ? (
              <span className="muted">{t('placement.nobody')}</span>
            ) : (
              <>
                <PersonLink id={p.runnerUp.personId} names={names} /> {p.runnerUp.points !== null && <span className="people-interval">({r.points(p.runnerUp.points)})</span>}
              </>
            )}
          </td>
          <td className="num">{p.runnerUp === null || p.runnerUp.loss === null ? dash : r.points(p.runnerUp.loss)}</td>
          <td>
            <RowConstraints post={p} names={names} constraints={constraints} onToggle={onToggle} />
          </td>
        </tr>
        {expanded && (
          <tr id={detailId} className="placement-detail">
            <td colSpan={COLUMNS}>
              <FitnessDetail fitness={p.fitness} person={nameIn(names, p.personId)} post={nameIn(names, p.postId)} />
            </td>
          </tr>
        )}
      </Fragment>
    );
  };
  return (
    <TableWrap>
      <table className="people-table placement-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('placement.post')}</th>
            <th scope="col">{t('placement.proposed')}</th>
            <th scope="col" className="num">
              {t('placement.pointsCol')}
            </th>
            <th scope="col">{t('placement.holder')}</th>
            <th scope="col" className="num">
              {t('placement.holderPoints')}
            </th>
            <th scope="col" className="num">
              {t('placement.gainCol')}
            </th>
            <th scope="col">{t('placement.runnerUp')}</th>
            <th scope="col" className="num">
              {t('placement.loss')}
            </th>
            <th scope="col">{t('constraints.column')}</th>
          </tr>
        </thead>
        <tbody>{rows.map(row)}</tbody>
      </table>
    </TableWrap>
  );
}
