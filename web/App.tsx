// Layout only: the header, banners, the policy editor beside the decision, request and panels.
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BatchPanel } from './features/batch/BatchPanel';
import { EditorPane } from './features/editor/EditorPane';
import { Gallery } from './features/gallery/Gallery';
import { Header } from './features/Header';
import { RequestBuilder } from './features/request/RequestBuilder';
import { DecisionBanner } from './features/result/DecisionBanner';
import { Explanation } from './features/result/Explanation';
import { Banners } from './features/share/Banners';
import { useShortcuts } from './features/shortcuts';
import { TestsPanel } from './features/tests/TestsPanel';
import { useApplyTheme } from './features/theme/theme';
import { useActions, useApp } from './store';
import type { View } from './store/types';

const VIEWS: { view: View; label: string }[] = [
  { view: 'explain', label: 'Explanation' },
  { view: 'batch', label: 'Batch' },
  { view: 'tests', label: 'Tests' },
  { view: 'examples', label: 'Examples' },
];

function Panels() {
  const { view, testsFailing, testsCount } = useApp(
    useShallow((s) => ({ view: s.view, testsCount: s.tests.length, testsFailing: s.failingTests })),
  );
  const actions = useActions();
  const section = useRef<HTMLElement>(null);
  // A new view starts at its top, not where the previous one was scrolled to.
  useEffect(() => {
    const el = section.current;
    const scroller = el?.closest('.area-side');
    if (el && scroller && scroller.scrollTop > el.offsetTop) scroller.scrollTop = el.offsetTop;
  }, [view]);
  return (
    <section ref={section} aria-label="Results" className="flex flex-col">
      <div role="tablist" aria-label="Result views" className="sticky top-0 z-10 flex gap-1 border-b border-(--border) bg-(--bg) px-2 pt-1">
        {VIEWS.map((v, i) => (
          <button
            key={v.view}
            role="tab"
            type="button"
            aria-selected={view === v.view}
            data-testid={`view-${v.view}`}
            title={`Alt+${i + 1}`}
            onClick={() => actions.setView(v.view)}
            className={`rounded-t border border-b-0 px-3 py-1 text-sm ${view === v.view ? 'border-(--border) bg-(--panel) font-medium' : 'border-transparent text-(--muted) hover:bg-(--hover)'}`}
          >
            {v.label}
            {v.view === 'tests' && testsCount > 0 && (
              <span className={`ml-1 rounded px-1 text-xs ${testsFailing ? 'bg-red-600 text-white' : 'bg-green-600 text-white'}`} data-testid="tests-badge">
                {testsFailing ? `${testsFailing} failing` : testsCount}
              </span>
            )}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {view === 'explain' && <Explanation />}
        {view === 'batch' && <BatchPanel />}
        {view === 'tests' && <TestsPanel />}
        {view === 'examples' && <Gallery />}
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
        <div className="area-decision">
          <DecisionBanner />
        </div>
        <div className="area-editor">
          <EditorPane />
        </div>
        <div className="area-side">
          <RequestBuilder />
          <Panels />
        </div>
      </main>
    </div>
  );
}
