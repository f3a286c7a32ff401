/**
 * The states every screen shares, so none is left blank: loading (a fixed-height placeholder so
 * nothing jumps), empty, and an error said in the reader's language with a way to retry.
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';

/** Shown while data loads; `lines` reserves the space the content will take. */
export function Loading({ lines = 3 }: { readonly lines?: number }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite" style={{ minHeight: `${lines * 1.6}em` }}>
      {t('state.loading')}
    </div>
  );
}

/** Shown when a list has nothing in it. */
export function Empty({ children }: { readonly children?: React.ReactNode }) {
  const { t } = useTranslation();
  return <p className="empty">{children ?? t('state.empty')}</p>;
}

/** The message an error deserves, in the reader's language: by its stable code, else its detail. */
export function useErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      const key = `error.${error.code}`;
      if (i18n.exists(key)) return t(key, { detail: error.detail });
      return t('error.default', { detail: error.detail });
    }
    return error instanceof Error ? error.message : String(error);
  };
}

/** An error box with an optional retry. */
export function ErrorBox({ error, retry }: { readonly error: unknown; readonly retry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <div className="error-box" role="alert">
      <p>{message(error)}</p>
      {retry !== undefined && (
        <button type="button" onClick={retry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}
