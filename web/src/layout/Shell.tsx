/**
 * The frame of every signed-in page: a skip link, the header with the main navigation (the control
 * board, the census and the placement only for people who oversee units), the language switch and
 * the account menu, then the page in <main>. Hidden when printing.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSession } from '../auth/session.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** The signed-in frame around `children`. */
export function Shell({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  const { me, oversees, signOut } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header no-print">
        <NavLink to="/" className="brand">
          <span aria-hidden="true" className="brand-mark">
            ✓
          </span>
          {t('app.name')}
        </NavLink>
        <nav aria-label={t('nav.main')} className="main-nav">
          <NavLink to="/" end>
            {t('nav.desk')}
          </NavLink>
          {oversees && <NavLink to="/board">{t('nav.board')}</NavLink>}
          <NavLink to="/decisions">{t('nav.decisions')}</NavLink>
          {oversees && <NavLink to="/census">{t('nav.census')}</NavLink>}
          {oversees && <NavLink to="/placement">{t('nav.placement')}</NavLink>}
          {oversees && <NavLink to="/main-link">{t('nav.mainLink')}</NavLink>}
          {oversees && <NavLink to="/scorecards">{t('nav.scorecards')}</NavLink>}
          {oversees && <NavLink to="/process-map">{t('nav.processMap')}</NavLink>}
          {oversees && <NavLink to="/stalls">{t('nav.stalls')}</NavLink>}
        </nav>
        <div className="header-tools">
          <LanguageSwitch />
          <span className="who" data-testid="who">
            {me?.name ?? ''}
          </span>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            {t('auth.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
