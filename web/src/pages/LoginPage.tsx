/**
 * Sign-in: username and password (the session cookie is set by the server), or single sign-on
 * when the server offers it. A wrong password and too many attempts are said plainly.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.js';
import { useSession } from '../auth/session.js';
import { LanguageSwitch } from '../layout/LanguageSwitch.js';
import { useErrorMessage } from '../ui/states.js';

/** The sign-in page. */
export function LoginPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const message = useErrorMessage();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const methods = useQuery({ queryKey: ['auth-methods'], queryFn: () => api<{ password: boolean; oidc: boolean }>('GET', '/auth/methods'), retry: false });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('auth.failed'));
      else if (err instanceof ApiError && err.status === 429) setError(t('auth.tooMany'));
      else setError(message(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login-page">
      <div className="login-card">
        <div className="login-top">
          <h1>{t('auth.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('auth.intro')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <label className="field">
            <span>{t('auth.username')}</span>
            <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('auth.password')}</span>
            <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {error !== null && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy || username === '' || password === ''}>
            {busy ? t('auth.signingIn') : t('auth.signIn')}
          </button>
        </form>
        {methods.data?.oidc === true && (
          <>
            <p className="or">{t('auth.or')}</p>
            <a className="button" href="/api/v1/auth/oidc/login">
              {t('auth.sso')}
            </a>
          </>
        )}
      </div>
    </main>
  );
}
