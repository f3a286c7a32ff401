/**
 * The placement of people (route /placement): the settings of a proposal (only vacant posts, the
 * same territory, the move cost), computed by GET /placement when "Propose" is pressed — it takes
 * a few seconds, said while it runs — then its summary with the proof of optimality, the posts whose
 * person changes (or all), each opening to the fitness of the person proposed; and below, the holders
 * who do not master their post's domain. The proposal asked for lives in the URL.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, query } from '../../api/client.js';
import type { Proposal } from '../../api/types.js';
import { useFormat } from '../../format.js';
import { ErrorBox } from '../../ui/states.js';
import { Mismatches } from './Mismatches.js';
import { DEFAULT_MOVE_COST, placementSearch, readPlacement, type PlacementSettings } from './peopleModel.js';
import { PlacementForm } from './PlacementForm.js';
import { PlacementResult } from './PlacementResult.js';
import './people.css';

/** GET /placement with the settings. */
function propose(s: PlacementSettings, signal: AbortSignal): Promise<Proposal> {
  return api<Proposal>('GET', `/placement${query({ vacant: s.vacant ? 'true' : undefined, sameTerritory: s.sameTerritory ? 'true' : undefined, moveCost: s.moveCost })}`, { signal });
}

/** The placement page. */
export function PlacementPage() {
  const { t } = useTranslation('people');
  const f = useFormat();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const asked = readPlacement(params);
  const proposal = useQuery({
    queryKey: ['placement', asked],
    queryFn: ({ signal }) => propose(asked ?? { vacant: false, sameTerritory: false, moveCost: DEFAULT_MOVE_COST }, signal),
    enabled: asked !== null,
    staleTime: 5 * 60_000,
  });
  const computing = asked !== null && proposal.isFetching;

  const onPropose = (s: PlacementSettings) => {
    const search = placementSearch(s);
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
      <p role="status" aria-live="polite" className="people-status">
        {computing ? t('placement.computing') : ''}
      </p>
      {asked === null ? (
        <p className="muted">{t('placement.notYet')}</p>
      ) : proposal.isPending ? (
        <div className="people-placeholder" aria-hidden="true" />
      ) : proposal.isError ? (
        <ErrorBox error={proposal.error} retry={() => void proposal.refetch()} />
      ) : (
        <div aria-busy={proposal.isFetching} className={proposal.isFetching ? 'people-stale' : undefined}>
          <PlacementResult proposal={proposal.data} />
        </div>
      )}
      <Mismatches />
    </div>
  );
}
