// Keyboard shortcuts and a few words on what the simulator does, in a popover.
import { useEffect, useRef } from 'react';
import { useActions, useApp } from '../../store';

export const SHORTCUTS: [string, string][] = [
  ['Alt+Shift+C', 'Copy a share link'],
  ['Alt+] / Alt+[', 'Next / previous policy tab'],
  ['Alt+1 … Alt+6', 'Show Trace, Batch, Tests, Examples, Problems, Reason'],
  ['Alt+E', 'Focus the policy editor'],
  ['Alt+R', 'Focus the request (principal ARN)'],
  ['Alt+Shift+T', 'Switch theme (system, light, dark)'],
  ['Alt+/', 'Show or hide this help'],
  ['←/→, Home, End on a tab', 'Previous, next, first, last tab (policies and views)'],
  ['F2 on a policy tab', 'Rename the tab'],
  ['Alt+Shift+←/→ on a tab', 'Move the tab'],
  ['Ctrl+Space', 'Complete actions, condition keys, operators (in the editor)'],
  ['Ctrl+. (⌘.)', 'Quick fix for the problem under the cursor'],
  ['Shift+Alt+F', 'Format the policy'],
  ['F8', 'Next problem in the policy'],
  ['Ctrl+M (⌃⇧M on a Mac)', 'In the editor: Tab moves the focus instead of indenting (again: back to indenting)'],
  ['Esc', 'Close a popover'],
];

export function Help() {
  const open = useApp((s) => s.helpOpen);
  const actions = useActions();
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    box.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        actions.setHelpOpen(false);
        button.current?.focus();
      }
    };
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) actions.setHelpOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open, actions]);

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        data-testid="help-button"
        aria-expanded={open}
        aria-label="Help and keyboard shortcuts"
        onClick={() => actions.setHelpOpen(!open)}
        className="btn"
      >
        ?
      </button>
      {open && (
        <div
          ref={box}
          tabIndex={-1}
          role="dialog"
          aria-label="Help"
          data-testid="help-dialog"
          className="popover max-h-[80vh] w-[min(30rem,92vw)] overflow-auto text-sm"
        >
          <h2 className="mb-1 font-semibold">Keyboard shortcuts</h2>
          <table className="w-full text-xs">
            <tbody>
              {SHORTCUTS.map(([keys, what]) => (
                <tr key={keys}>
                  <td className="py-0.5 pr-2 whitespace-nowrap">
                    <kbd>{keys}</kbd>
                  </td>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 className="mt-3 mb-1 font-semibold">About</h2>
          <p className="text-xs">
            Evaluates a request against identity policies, a resource policy (an ECR repository policy or a role trust policy), a permissions boundary, SCPs, RCPs and a session policy,
            following AWS's policy evaluation logic. Everything runs in this page: policies and share links never leave it, and your work is saved in this browser.
          </p>
        </div>
      )}
    </div>
  );
}
