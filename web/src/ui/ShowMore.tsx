/** The "Show more" button under a paged list: shown while there is a next page, busy while it loads. */
import { useTranslation } from 'react-i18next';

/** What ShowMore needs of an infinite query (react-query's useInfiniteQuery result fits). */
export interface Pager {
  readonly hasNextPage: boolean;
  readonly isFetchingNextPage: boolean;
  readonly fetchNextPage: () => Promise<unknown>;
}

/** Loads the next page of `list` on click; renders nothing on the last page. */
export function ShowMore({ list }: { readonly list: Pager }) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <p>
      <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
        {list.isFetchingNextPage ? t('state.loading') : t('action.more')}
      </button>
    </p>
  );
}
