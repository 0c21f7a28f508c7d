// Every page of the app and its address. The server answers index.html for any non-/api path.
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { RequireUser } from './components/RequireUser.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { CyclesPage } from './pages/CyclesPage.tsx';
import { NewCyclePage } from './pages/NewCyclePage.tsx';
import { CyclePage } from './pages/CyclePage.tsx';
import { useTranslation } from 'react-i18next';
import { Loading } from './components/Status.tsx';
import { CycleQuestionnairePage, TemplateQuestionnairePage } from './pages/QuestionnairePage.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { TemplatesPage } from './pages/TemplatesPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { AccountPage } from './pages/AccountPage.tsx';
import { OutboxPage } from './pages/OutboxPage.tsx';
import { InvitationPage, ResetPasswordPage, ResetRequestPage } from './pages/AccountLinkPages.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { VocabularyPage } from './pages/VocabularyPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { PublicationsPage } from './pages/PublicationsPage.tsx';

const signedIn = (page: ReactNode) => <RequireUser>{page}</RequireUser>;

// Loaded when first opened: its checks bring the domain models (and Zod) into the browser.
const SubmissionPage = lazy(() => import('./pages/SubmissionPage.tsx').then((m) => ({ default: m.SubmissionPage })));
function LoadingPage() {
  const { t } = useTranslation();
  return <Loading what={t('routes.loadingPage')} />;
}
const submissionPage = (
  <Suspense fallback={<LoadingPage />}>
    <SubmissionPage />
  </Suspense>
);

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/signin', element: <SignInPage /> },
      { path: '/invitation/:token', element: <InvitationPage /> },
      { path: '/reset-password', element: <ResetRequestPage /> },
      { path: '/reset-password/:token', element: <ResetPasswordPage /> },
      { path: '/', element: signedIn(<CyclesPage />) },
      { path: '/cycles/new', element: signedIn(<NewCyclePage />) },
      { path: '/cycles/:id', element: signedIn(<CyclePage />) },
      { path: '/cycles/:id/questionnaire', element: signedIn(<CycleQuestionnairePage />) },
      { path: '/cycles/:id/states/:iso3', element: signedIn(submissionPage) },
      { path: '/templates', element: signedIn(<TemplatesPage />) },
      { path: '/templates/:id', element: signedIn(<TemplateQuestionnairePage />) },
      { path: '/import', element: signedIn(<ImportPage />) },
      { path: '/account', element: signedIn(<AccountPage />) },
      { path: '/outbox', element: signedIn(<OutboxPage />) },
      { path: '/users', element: signedIn(<UsersPage />) },
      { path: '/analysis/vocabulary', element: signedIn(<VocabularyPage />) },
      { path: '/audit', element: signedIn(<AuditPage />) },
      // Public: no sign-in.
      { path: '/publications', element: <PublicationsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
