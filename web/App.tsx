// Layout only: the header and banners; the policy editor; the request; the decision with
// its reason, and the views (trace, problems, batch, tests, examples). styles.css places
// them: one column on a phone, two from 1024px, three from 1280px.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EditorPane } from './features/editor/EditorPane';
import { Header } from './features/Header';
import { NoticeToast } from './features/notices/Notices';
import { ProblemsPanel } from './features/problems/ProblemsPanel';
import { RequestBuilder } from './features/request/RequestBuilder';
import { DecisionBanner } from './features/result/DecisionBanner';
import { Explanation } from './features/result/Explanation';
import { ComparedRequest } from './features/reason/ComparedRequest';
import { Reason } from './features/result/Reason';
import { Banners } from './features/share/Banners';
import { useShortcuts } from './features/shortcuts';
import { TestsPanel } from './features/tests/TestsPanel';
import { useApplyTheme } from './features/theme/theme';
import { useRovingTabs } from './lib/tabs';
import { useActions, useApp } from './store';
import type { View } from './store/types';

// Views that are not on screen when the page opens load when first shown.
const ReasonView = lazy(() => import('./features/reason/ReasonView'));
const BatchPanel = lazy(() => import('./features/batch/BatchPanel').then((m) => ({ default: m.BatchPanel })));
const Gallery = lazy(() => import('./features/gallery/Gallery').then((m) => ({ default: m.Gallery })));

export const VIEWS: { view: View; label: string; key: string }[] = [
  { view: 'explain', label: 'Trace', key: 'Alt+1' },
  { view: 'batch', label: 'Batch', key: 'Alt+2' },
  { view: 'tests', label: 'Tests', key: 'Alt+3' },
  { view: 'examples', label: 'Examples', key: 'Alt+4' },
  { view: 'problems', label: 'Problems', key: 'Alt+5' },
  { view: 'reason', label: 'Reason', key: 'Alt+6' },
];

function ViewBadge({ view }: { view: View }) {
  const { failing, tests, errors, findings } = useApp(
    useShallow((s) => {
      let errors = 0;
      let findings = 0;
      for (const list of Object.values(s.diagnostics))
        for (const d of list) {
          if (d.severity === 'error') errors++;
          else findings++;
        }
      return { failing: s.failingTests, tests: s.tests.length, errors, findings };
    }),
  );
  if (view === 'tests' && tests > 0) {
    return (
      <span className={`count ml-1 ${failing ? 'count-bad' : 'count-good'}`} data-testid="tests-badge">
        {failing ? `${failing} failing` : tests}
      </span>
    );
  }
  if (view === 'problems' && errors + findings > 0) {
    return (
      <span className={`count ml-1 ${errors ? 'count-bad' : ''}`} data-testid="problems-badge" aria-label={`${errors} errors, ${findings} other findings`}>
        {errors + findings}
      </span>
    );
  }
  return null;
}

function Panels() {
  const view = useApp((s) => s.view);
  const actions = useActions();
  const section = useRef<HTMLElement>(null);
  const views = VIEWS.map((v) => v.view);
  const roving = useRovingTabs(views, view, (v) => actions.setView(v));
  // A new view starts at its top, not where the previous one was scrolled to. Not on the
  // first render: nothing is scrolled yet, and measuring then forced the page's first
  // layout inside the task that renders it.
  const shownView = useRef(view);
  useEffect(() => {
    if (shownView.current === view) return;
    shownView.current = view;
    const el = section.current;
    const scroller = el?.closest('.area-side, .area-right');
    if (el && scroller && scroller.scrollTop > el.offsetTop) scroller.scrollTop = el.offsetTop;
  }, [view]);
  return (
    <section ref={section} aria-label="Views" className="flex flex-col">
      <div role="tablist" aria-label="Views" className="sticky top-0 z-10 flex gap-0.5 overflow-x-auto border-b border-(--border) bg-(--bg) px-2">
        {VIEWS.map((v) => (
          <button
            key={v.view}
            {...roving.tabProps(v.view)}
            role="tab"
            type="button"
            id={`view-tab-${v.view}`}
            aria-controls="view-panel"
            aria-selected={view === v.view}
            data-testid={`view-${v.view}`}
            title={v.key}
            onClick={() => actions.setView(v.view)}
            className="view-tab"
          >
            {v.label}
            <ViewBadge view={v.view} />
          </button>
        ))}
      </div>
      <div role="tabpanel" id="view-panel" aria-labelledby={`view-tab-${view}`}>
        <Suspense fallback={<p className="p-3 text-sm text-(--muted)">Loading…</p>}>
          {view === 'explain' && <Explanation />}
          {view === 'batch' && <BatchPanel />}
          {view === 'tests' && <TestsPanel />}
          {view === 'examples' && <Gallery />}
          {view === 'problems' && <ProblemsPanel />}
          {view === 'reason' && <ReasonView />}
        </Suspense>
      </div>
    </section>
  );
}

export function App() {
  useApplyTheme();
  useShortcuts();
  return (
    <div className="app-shell">
      <a
        href="#request-heading"
        className="skip-link"
        onClick={(e) => {
          // Not a fragment navigation: the fragment is where share links live.
          e.preventDefault();
          document.querySelector<HTMLElement>('[data-testid=principal-arn]')?.focus();
        }}
      >
        Skip to the request
      </a>
      <Header />
      <Banners />
      <main className="app-main">
        <div className="area-editor">
          <EditorPane />
        </div>
        <div className="area-right">
          <div className="area-decision">
            <DecisionBanner />
            <Reason />
            <ComparedRequest />
          </div>
          <div className="area-request">
            <RequestBuilder />
          </div>
          <div className="area-side">
            <Panels />
          </div>
        </div>
      </main>
      <NoticeToast />
    </div>
  );
}
