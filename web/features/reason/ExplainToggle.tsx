// The editor toolbar's switch for inline explain.
import { useReasonSettings } from './settings';

export function ExplainToggle() {
  const { explain, setExplain } = useReasonSettings();
  return (
    <button
      type="button"
      className="btn btn-sm"
      data-testid="explain-toggle"
      aria-pressed={explain}
      title="Show beside each statement and condition whether it matched the request, and why (hover)"
      onClick={() => setExplain(!explain)}
    >
      {explain ? '✓ ' : ''}Explain
    </button>
  );
}
