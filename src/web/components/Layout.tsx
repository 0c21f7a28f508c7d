// The frame of every page: skip link, banner with the language switch and who is signed in, main navigation, main, footer.
import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../session.tsx';
import { useTranslation } from 'react-i18next';
import { roleLabel } from '../lib/format.ts';
import { currentLanguage, isLanguage, languages, setLanguage } from '../i18n/index.ts';

export function Layout() {
  const { user, abilities, signOut } = useSession();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [signOutError, setSignOutError] = useState('');
  const first = useRef(true);

  // After navigating, move focus to the new page's heading so screen readers start there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.getElementById('page-heading') ?? document.getElementById('main');
    heading?.focus({ preventScroll: false });
  }, [location.pathname]);

  const onSignOut = async () => {
    try {
      await signOut();
      navigate('/signin');
    } catch {
      setSignOutError(t('layout.signOutFailed'));
    }
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skipLink')}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              GCM
            </span>
            <span className="brand__text">
              <span className="brand__name">{t('app.name')}</span>
              <span className="brand__tagline">{t('layout.tagline')}</span>
            </span>
          </Link>
          <div className="site-header__user">
            <LanguageSwitch />
            {user ? (
              <>
                <p className="signed-in">
                  <span className="visually-hidden">{t('layout.signedInAs')}</span>
                  <strong data-testid="signed-in-name">{user.name}</strong>
                  <span className="signed-in__role">
                    {roleLabel(user.role)}
                    {user.stateIso3 ? ` · ${user.stateIso3}` : ''}
                  </span>
                </p>
                <NavLink to="/account" className="button button--quiet button--on-dark">
                  {t('layout.account')}
                </NavLink>
                <button type="button" className="button button--quiet button--on-dark" onClick={onSignOut}>
                  {t('layout.signOut')}
                </button>
              </>
            ) : user === null && location.pathname !== '/signin' ? (
              <Link to="/signin" className="button button--quiet button--on-dark">
                {t('layout.signIn')}
              </Link>
            ) : null}
          </div>
        </div>
        {user ? (
          <nav className="site-nav" aria-label={t('layout.mainNav')}>
            <ul className="container site-nav__list">
              <li>
                <NavLink to="/" end>
                  {t('layout.navCycles')}
                </NavLink>
              </li>
              {abilities.importResponses ? (
                <li>
                  <NavLink to="/import">{t('layout.navImport')}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/templates">{t('layout.navTemplates')}</NavLink>
              </li>
              {abilities.readOutbox ? (
                <li>
                  <NavLink to="/outbox">{t('layout.navOutbox')}</NavLink>
                </li>
              ) : null}
              {abilities.createUser ? (
                <li>
                  <NavLink to="/users">{t('layout.navUsers')}</NavLink>
                </li>
              ) : null}
              {abilities.readAudit ? (
                <li>
                  <NavLink to="/audit">{t('layout.navAudit')}</NavLink>
                </li>
              ) : null}
              {abilities.readAll ? (
                <li>
                  <NavLink to="/analysis/vocabulary">{t('layout.navVocabulary')}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/publications">{t('layout.navPublications')}</NavLink>
              </li>
            </ul>
          </nav>
        ) : null}
      </header>
      {signOutError ? (
        <div className="container">
          <p className="notice notice--error" role="alert">
            {signOutError}
          </p>
        </div>
      ) : null}
      <main id="main" tabIndex={-1} className="container site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('layout.footer')}</p>
          <p>
            <Link to="/publications">{t('layout.navPublications')}</Link>
          </p>
        </div>
      </footer>
    </>
  );
}

/** A labelled list of the interface languages, each option named in its own language; the choice is remembered. */
function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : currentLanguage();
  return (
    <div className="language-switch">
      <label htmlFor="language-switch">{t('layout.language')}</label>
      <select
        id="language-switch"
        value={value}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void setLanguage(e.target.value);
        }}
      >
        {languages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}
