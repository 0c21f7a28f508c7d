// Every page of the app and its address. The server answers index.html for any non-/api path.
import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { RequireUser } from './components/RequireUser.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { CyclesPage } from './pages/CyclesPage.tsx';
import { NewCyclePage } from './pages/NewCyclePage.tsx';
import { CyclePage } from './pages/CyclePage.tsx';
import { CycleQuestionnairePage, TemplateQuestionnairePage } from './pages/QuestionnairePage.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

const signedIn = (page: ReactNode) => <RequireUser>{page}</RequireUser>;

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/signin', element: <SignInPage /> },
      { path: '/', element: signedIn(<CyclesPage />) },
      { path: '/cycles/new', element: signedIn(<NewCyclePage />) },
      { path: '/cycles/:id', element: signedIn(<CyclePage />) },
      { path: '/cycles/:id/questionnaire', element: signedIn(<CycleQuestionnairePage />) },
      { path: '/templates/:id', element: signedIn(<TemplateQuestionnairePage />) },
      { path: '/import', element: signedIn(<ImportPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
