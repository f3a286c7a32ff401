/**
 * The placement of people (route /placement): the settings of a proposal (the unit, only vacant
 * posts, the same territory, the move cost), computed by GET /placement when "Propose" is pressed —
 * it takes a few seconds, said while it runs — then its summary with the proof of optimality, the
 * posts whose person changes (or all), each opening to the fitness of the person proposed and with
 * buttons that keep or exclude people; the constraints chosen are chips above the table, applied by
 * the next "Propose", and kept when the server refuses them so that one can be removed. Below, the
 * holders (of the unit asked) who do not master their post's domain. The proposal asked for — its
 * settings and constraints — lives in the URL.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, query } from '../../api/client.js';
import type { Proposal } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { ConstraintChips } from './ConstraintChips.js';
import { Mismatches } from './Mismatches.js';
import { DEFAULT_MOVE_COST, placementSearch, readPlacement, type PlacementSettings } from './peopleModel.js';
import { constrainedPosts, pairsOf, readConstraints, removeConstraint, sameConstraints, toggleConstraint, type Constraint } from './placementConstraints.js';
import { PlacementForm } from './PlacementForm.js';
import { PlacementRefusal } from './PlacementRefusal.js';
import { PlacementResult } from './PlacementResult.js';
import './people.css';

const DEFAULTS: PlacementSettings = { unit: null, vacant: false, sameTerritory: false, moveCost: DEFAULT_MOVE_COST };

/** GET /placement with the settings and constraints. */
function propose(s: PlacementSettings, constraints: readonly Constraint[], signal: AbortSignal): Promise<Proposal> {
  const q = query({
    unit: s.unit,
    vacant: s.vacant ? 'true' : undefined,
    sameTerritory: s.sameTerritory ? 'true' : undefined,
    moveCost: s.moveCost,
    pins: pairsOf(constraints, 'keep'),
    exclude: pairsOf(constraints, 'exclude'),
  });
  return api<Proposal>('GET', `/placement${q}`, { signal });
}

/** The placement page. */
export function PlacementPage() {
  const { t } = useTranslation('people');
  const f = useFormat();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const asked = readPlacement(params);
  const applied = readConstraints(params);
  const proposal = useQuery({
    queryKey: ['placement', asked, applied],
    queryFn: ({ signal }) => propose(asked ?? DEFAULTS, applied, signal),
    enabled: asked !== null,
    staleTime: 5 * 60_000,
  });
  const computing = asked !== null && proposal.isFetching;

  // The constraints chosen for the next proposal: those of the URL again whenever they change there.
  const [chosen, setChosen] = useState<readonly Constraint[]>(applied);
  const [was, setWas] = useState<readonly Constraint[]>(applied);
  if (!sameConstraints(was, applied)) {
    setWas(applied);
    setChosen(applied);
  }
  // The names of every proposal seen, so that a chip keeps its words while a refusal is shown.
  const [names, setNames] = useState<Readonly<Record<string, string>>>({});
  const [seen, setSeen] = useState<Proposal | undefined>(undefined);
  const data = proposal.data;
  if (data !== undefined && data !== seen) {
    setSeen(data);
    setNames((known) => ({ ...known, ...data.names }));
  }
  const onToggle = (c: Constraint) => setChosen((list) => toggleConstraint(list, c));

  const onPropose = (s: PlacementSettings) => {
    const search = placementSearch(s, chosen);
    // The same settings again: computed anew (the records may have changed meanwhile).
    if (search === `?${params.toString()}`) void proposal.refetch();
    else void navigate(`/placement${search}`);
  };

  return (
    <div className="people placement">
      <div className="page-head">
        <h1>{t('placement.title')}</h1>
        {proposal.data !== undefined && <p className="muted">{t('placement.asOf', { when: f.dateTime(proposal.data.asOf) })}</p>}
      </div>
      <p className="people-intro">{t('placement.intro')}</p>
      <PlacementForm shown={asked} busy={computing} onPropose={onPropose} />
      <ConstraintChips
        constraints={chosen}
        applied={asked === null ? chosen.length === 0 : sameConstraints(chosen, applied)}
        names={{ ...names, ...data?.names }}
        onRemove={(c) => setChosen((list) => removeConstraint(list, c))}
        onClear={() => setChosen([])}
      />
      <p role="status" aria-live="polite" className="people-status">
        {computing ? t('placement.computing') : ''}
      </p>
      {asked === null ? (
        <p className="muted">{t('placement.notYet')}</p>
      ) : proposal.isPending ? (
        <div className="people-placeholder" aria-hidden="true" />
      ) : proposal.isError ? (
        <PlacementRefusal error={proposal.error} constrained={applied.length > 0} retry={() => void proposal.refetch()} />
      ) : (
        <div aria-busy={proposal.isFetching} className={proposal.isFetching ? 'people-stale' : undefined}>
          <PlacementResult proposal={proposal.data} constrained={constrainedPosts(applied)} constraints={chosen} onToggle={onToggle} />
        </div>
      )}
      <Mismatches unit={asked?.unit ?? null} />
    </div>
  );
}
