/**
 * The routes. Signed out, every path shows the sign-in page (and comes back to the same path
 * once signed in); signed in, the pages inside the shell. The inquiry page is printable and has
 * no shell around it.
 */
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { useSession } from './auth/session.js';
import { Shell } from './layout/Shell.js';
import { LoginPage } from './pages/LoginPage.js';
import { BoardPage } from './pages/board/BoardPage.js';
import { CasePage } from './pages/case/CasePage.js';
import { DeskPage } from './pages/desk/DeskPage.js';
import { InquiryPage } from './pages/inquiry/InquiryPage.js';
import { MainLinkPage } from './pages/main-link/MainLinkPage.js';
import { CensusPage } from './pages/people/CensusPage.js';
import { PlacementPage } from './pages/people/PlacementPage.js';
import { RecordPage } from './pages/people/RecordPage.js';
import { ProcessMapPage } from './pages/process-map/ProcessMapPage.js';
import { DecisionPage } from './pages/register/DecisionPage.js';
import { RegisterPage } from './pages/register/RegisterPage.js';
import { ScorecardsPage } from './pages/scorecards/ScorecardsPage.js';
import { StallsPage } from './pages/stalls/StallsPage.js';
import { ErrorBox, Loading } from './ui/states.js';

function NotFound() {
  const { t } = useTranslation();
  return <p>{t('state.notFound')}</p>;
}

/** The app: sign-in, or the signed-in pages. */
export function App() {
  const { session, me } = useSession();
  if (session === undefined) return <Loading />;
  if (session === null) return <LoginPage />;
  if (me === undefined) return <Loading />;
  return (
    <Routes>
      <Route path="/cases/:id/inquiry" element={<InquiryPage />} />
      <Route
        path="*"
        element={
          <Shell>
            <Routes>
              <Route path="/" element={<DeskPage />} />
              <Route path="/board" element={<BoardPage />} />
              <Route path="/cases/:id" element={<CasePage />} />
              <Route path="/decisions" element={<RegisterPage />} />
              <Route path="/decisions/:id" element={<DecisionPage />} />
              <Route path="/people/:id/record" element={<RecordPage />} />
              <Route path="/census" element={<CensusPage />} />
              <Route path="/placement" element={<PlacementPage />} />
              <Route path="/main-link" element={<MainLinkPage />} />
              <Route path="/scorecards" element={<ScorecardsPage />} />
              <Route path="/process-map" element={<ProcessMapPage />} />
              <Route path="/stalls" element={<StallsPage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Shell>
        }
      />
    </Routes>
  );
}

/** Shown if rendering fails outright. */
export function Crash({ error }: { readonly error: unknown }) {
  return <ErrorBox error={error} />;
}
