// The frame of every page: skip link, banner with who is signed in, main navigation, main, footer.
import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../session.tsx';
import { canImport, roleLabels } from '../lib/format.ts';

export function Layout() {
  const { user, signOut } = useSession();
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
      setSignOutError('Signing out failed. Please try again.');
    }
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              GCM
            </span>
            <span className="brand__text">
              <span className="brand__name">GCM Review</span>
              <span className="brand__tagline">Voluntary reviews of the Global Compact for Migration</span>
            </span>
          </Link>
          <div className="site-header__user">
            {user ? (
              <>
                <p className="signed-in">
                  <span className="visually-hidden">Signed in as </span>
                  <strong data-testid="signed-in-name">{user.name}</strong>
                  <span className="signed-in__role">
                    {roleLabels[user.role]}
                    {user.stateIso3 ? ` · ${user.stateIso3}` : ''}
                  </span>
                </p>
                <NavLink to="/account" className="button button--quiet button--on-dark">
                  Account
                </NavLink>
                <button type="button" className="button button--quiet button--on-dark" onClick={onSignOut}>
                  Sign out
                </button>
              </>
            ) : user === null && location.pathname !== '/signin' ? (
              <Link to="/signin" className="button button--quiet button--on-dark">
                Sign in
              </Link>
            ) : null}
          </div>
        </div>
        {user ? (
          <nav className="site-nav" aria-label="Main">
            <ul className="container site-nav__list">
              <li>
                <NavLink to="/" end>
                  Review cycles
                </NavLink>
              </li>
              {canImport(user.role) ? (
                <li>
                  <NavLink to="/import">Import a filled form</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/templates">Templates</NavLink>
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
          <p>
            GCM Review supports State-led voluntary reviews of the Global Compact for Safe, Orderly and Regular Migration
            (General Assembly resolution 73/195).
          </p>
        </div>
      </footer>
    </>
  );
}
