// The Reason view: reasoning over every request the workspace's policies can tell apart,
// computed in a worker. Compare two versions, coverage, edge cases, a fix for the denied
// request, the full matrix. Loaded with the view (its code and worker stay out of the first bundle).
import { useRovingTabs } from '../../lib/tabs';
import { ComparePanel } from './ComparePanel';
import { CoveragePanel } from './CoveragePanel';
import { EdgeCasesPanel } from './EdgeCasesPanel';
import { FixPanel } from './FixPanel';
import { MatrixPanel } from './MatrixPanel';
import { setTab, useReason, type ReasonTab } from './store';

const TABS: { tab: ReasonTab; label: string; title: string }[] = [
  { tab: 'compare', label: 'Compare', title: 'What changes between two versions, each with a request that shows it' },
  { tab: 'coverage', label: 'Coverage', title: 'Statements that decide no test or nothing; conditions always true, false or contradictory; redundant Allows' },
  { tab: 'edges', label: 'Edge cases', title: 'Requests on the edges of the conditions and patterns, to add as tests' },
  { tab: 'fix', label: 'Fix', title: 'The smallest change that allows the denied request, and nothing more' },
  { tab: 'matrix', label: 'Matrix', title: 'Every ECR and ECS action × resources × principals' },
];

export default function ReasonView() {
  const tab = useReason((s) => s.tab);
  const roving = useRovingTabs(
    TABS.map((t) => t.tab),
    tab,
    setTab,
  );
  return (
    <div className="flex flex-col gap-2 p-3" data-testid="reason-view" data-tab={tab}>
      <div role="tablist" aria-label="Reasoning" className="flex flex-wrap gap-1">
        {TABS.map((t) => (
          <button
            key={t.tab}
            {...roving.tabProps(t.tab)}
            type="button"
            role="tab"
            id={`reason-tab-${t.tab}`}
            aria-controls="reason-panel"
            aria-selected={tab === t.tab}
            data-testid={`reason-tab-${t.tab}`}
            title={t.title}
            className={`btn btn-sm ${tab === t.tab ? 'btn-primary' : ''}`}
            onClick={() => setTab(t.tab)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="reason-panel" aria-labelledby={`reason-tab-${tab}`}>
        {tab === 'compare' && <ComparePanel />}
        {tab === 'coverage' && <CoveragePanel />}
        {tab === 'edges' && <EdgeCasesPanel />}
        {tab === 'fix' && <FixPanel />}
        {tab === 'matrix' && <MatrixPanel />}
      </div>
    </div>
  );
}
