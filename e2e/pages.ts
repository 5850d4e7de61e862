/*
 * Page objects for the end-to-end tests, and the data-testids they rely on.
 *
 * Contract (outside checks use it too):
 *   decision                 the decision; data-decision = Allow | ExplicitDeny | ImplicitDeny,
 *                            data-accepted = true | false (AWS would accept every evaluated policy),
 *                            data-stale = true | false (the shown decision is from an earlier text,
 *                            because the current one does not parse),
 *                            data-analyzing = true | false (the analysis worker is reading a newer,
 *                            large text: the decision shown is of the text before it),
 *                            data-eval-seq counts evaluations (a performance mark
 *                            `policy-sim:decision` follows each one)
 * Decision:    decision-title, decision-why (the deciding stage's words, never cut off), decision-refusal
 *              (click: the refused element), decision-if-accepted, decision-stale (click: the JSON error),
 *              decision-updating (while data-analyzing), decision-pending (a large workspace's first
 *              evaluation, before there is a decision)
 * Reason:      (under the decision, always shown) reason (data-stale), decisive-statements,
 *              decisive-statement (data-effect, data-policy-id; click: shows it in the editor),
 *              no-decisive, cross-account, cross-account-side (data-side = identity | resource,
 *              data-verdict = allow | deny | no-allow), eval-flow, eval-step (data-stage,
 *              data-outcome, data-deciding = true | false)
 * Page:        <html data-saved = pending | saved | failed>: whether the last edit is saved in the browser
 *
 * Header:      new-workspace, history (opens history-panel), restore-previous (restores the newest
 *              history entry), workspace-name, share-button, share-link, share-status,
 *              theme-toggle (data-theme = system | light | dark), help-button, help-dialog, versions,
 *              notice-log-button (opens notice-log: notice-log-item (data-done), notice-log-action)
 * Files:       save-workspace (downloads <name>.json), gallery-save (an example as a file), open-workspace, open-workspace-input (file input)
 * History:     history-panel, history-entry (data-history-id, data-saved), history-name,
 *              history-summary, history-restore, history-remove, history-empty, history-footer
 * Banners:     share-banner (share-open, share-keep), share-error (share-error-dismiss),
 *              share-opening (a long link that opened the page, being decoded)
 * Long lists:  show-more (in any list drawn in part: missing keys, context keys, a statement's
 *              conditions, import lists, the tab list), trace-cut (conditions the worker's trace
 *              left out), policy-tabs-before / policy-tabs-after (tabs outside the strip)
 * Notices:     notice (data-notice-id, data-expires; one at a time, bottom of the page),
 *              notice-action, notice-dismiss
 * Policies:    policy-tabs, policy-tab (data-policy-id, data-kind, data-active, data-level for SCPs
 *              and RCPs = root | OU | OU n | account), policy-tab-name, policy-level,
 *              policy-tab-list (opens policy-tab-list-panel: policy-tab-list-item (data-policy-id)),
 *              policy-rename-input, add-policy (select of kinds), policy-toolbar, policy-kind,
 *              policy-rename, policy-move-left, policy-move-right, format-document, policy-remove,
 *              policy-level-controls, policy-level-label, level-up, level-down,
 *              policy-ignored, editor, monaco-host (data-ready, data-decisive),
 *              editor-keyboard-hint (data-tab-moves-focus; shown while the editor has the focus),
 *              editor-fallback (plain text before Monaco loads), editor-textarea (if Monaco fails)
 * Request:     request-builder, principal, principal-mode, principal-account, principal-name,
 *              principal-session, principal-service, principal-arn, principal-role-note,
 *              principal-add-session, principal-preset, principal-provider, principal-provider-host,
 *              principal-saml-name, federated-claims, claim-aud, claim-sub, federated-action-note,
 *              federated-use-action, session-policy-warning,
 *              principal-tags / resource-tags, principal-tag-row / resource-tag-row (data-key),
 *              principal-tag-value, principal-tag-remove, principal-tag-new-key,
 *              principal-tag-new-value, principal-tag-add (same with resource-tag-*),
 *              action, action-info, resource, resource-mode, resource-account, resource-region,
 *              resource-name, resource-child, resource-arn, resource-star-warning, resource-use-star,
 *              context-keys, context-row (data-key, data-status = request | derived | missing | unset),
 *              context-value, context-missing, context-derived-value, context-override,
 *              context-remove, context-new-key, context-new-value, context-add,
 *              derived-keys, derived-key (data-key)
 * Views:       view-explain (Trace), view-batch, view-tests, view-examples, view-problems, view-reason,
 *              tests-badge, problems-badge
 * Trace:       explanation, decision-message, missing-keys, missing-key, input-errors,
 *              input-error (data-code), trace-policy (data-kind), trace-statement (data-applies),
 *              trace-condition (data-matched), trace-only-relevant
 * Problems:    problems, problems-summary, problem-group (data-policy-id), problem (data-code,
 *              data-severity), problem-open (click: the place), problem-help, problem-fix
 * Batch:       batch, batch-service, batch-summary, batch-row (data-action, data-decision)
 * Tests:       tests, save-test, tests-summary, test-row (data-status = pass | fail,
 *              data-expect, data-actual), test-name, test-principal, test-action, test-resource,
 *              test-expect, test-actual, test-open, test-remove (undo: the notice)
 * Examples:    gallery, gallery-item (data-example-id), gallery-open
 * Explain:     explain-toggle (aria-pressed), monaco-host data-explained (statements marked) and
 *              data-coverage (coverage findings marked); .explain-label / .coverage-label in the editor
 * Reason:      reason-view (data-tab), reason-tab-{compare,coverage,edges,fix,matrix}; <kind>-status
 *              (data-status = idle | running | done | failed | cancelled), <kind>-cancel;
 *              compare: compare-before / compare-after (data-source), compare-{before,after}-source,
 *              -history, -file, -link, -tab, -text, compare-run, compare-error, compare-verdict
 *              (data-verdict, data-differences), compare-scope, compare-group (data-change, data-count),
 *              compare-difference (data-change, data-before, data-after), compare-open;
 *              compared (compared-side data-side = before | after, data-decision; compared-trace,
 *              compared-statement data-applies; compared-close);
 *              coverage-finding (data-finding, data-policy, data-statement), coverage-show,
 *              coverage-statement (data-applies, data-decides, data-tests), coverage-none;
 *              edge-case (data-kind, data-decision, data-tested), edge-why, edge-add, edge-open,
 *              edge-add-all, edge-count; fix-item (data-policy, data-stage, data-new), fix-diff,
 *              fix-proof (data-verdict, data-differences), fix-proof-difference, fix-apply,
 *              fix-blocking, fix-pass-with, fix-pass-open, fix-note, fix-allowed;
 *              matrix-level, matrix-decision, matrix-text, matrix-export, matrix-count (data-rows,
 *              data-conflicts), matrix-row (data-action, data-decision, data-conflict), matrix-open,
 *              matrix-conflict, matrix-more
 * Import:      import-button (header), access-denied-button (request builder), import-dialog (a modal
 *              <dialog>), import-dialog-close, import-text, import-origin, import-file-button,
 *              import-file, import-clear, import-result (data-kind = empty | import | denied |
 *              encoded | workspace | error), import-accepts, import-error, import-workspace-file,
 *              import-source (data-format = the engine's ImportFormat), import-warnings,
 *              import-warning, import-options, import-region, import-account, import-partition,
 *              import-stack, import-parameter (data-name), import-principals, import-principal
 *              (data-arn, "" for none; data-selected), import-plan, import-plan-policy (data-kind,
 *              data-name), import-plan-request (data-field), import-plan-tests (data-count),
 *              import-left-out, import-left, import-notes, import-note, import-nothing,
 *              import-cancel, import-add, import-replace
 * AccessDenied: denied-source, denied-aws-said (data-denial = explicit | implicit | "",
 *              data-policy-type), denied-policy-arn, denied-statements, denied-request,
 *              denied-field (data-field), denied-notes, denied-note, denied-comparison
 *              (data-agrees, data-decision, data-applied), denied-decision, denied-verdict,
 *              denied-apply, denied-show-explanation, import-encoded, decode-command,
 *              decode-command-copy, decode-command-status, import-clear-for-decoded
 * AWS CLI:     aws-cli-button (header), aws-cli-dialog, aws-cli-dialog-close, aws-cli,
 *              aws-cli-simulate, aws-cli-simulate-copy, aws-cli-simulate-status,
 *              aws-cli-simulate-notes, aws-cli-validate, aws-cli-validate-copy,
 *              aws-cli-validate-status, aws-cli-validate-notes, aws-cli-note
 * Access:      access-button (header; opens the panel), access-panel, access-close, access-theme,
 *              access-sidebar-toggle, access-welcome,
 *              account: access-choose-files, access-file-input, access-example, access-region,
 *              access-account-id, access-load-error, access-summary (data-principals, data-resources),
 *              access-summary-principals, access-summary-resources, access-summary-org,
 *              access-warnings, access-warning,
 *              context: access-org-id, access-org-hint, access-context,
 *              columns: access-level (data-action), access-extra-action (data-action),
 *              access-add-action, access-add-action-button,
 *              query: access-query, access-ask, access-query-error, access-syntax-toggle,
 *              access-syntax, access-filter-principal,
 *              access-filter-repository, access-filter-action, access-filter-decision, access-group-by,
 *              access-expand, access-clear, access-export,
 *              status: access-progress (role=progressbar), access-cancel, access-cancelled, access-resume,
 *              access-done (data-ms), access-count (data-matches),
 *              table: access-table (data-rows), access-empty, access-group (data-group, aria-expanded),
 *              access-row, access-cell (data-decision = Allow | ExplicitDeny | ImplicitDeny | pending,
 *              data-stage, data-principal, data-repository, data-action),
 *              explanation: access-explanation (data-decision), access-explanation-close,
 *              access-explanation-decision, access-explanation-message, access-deciding-statement
 *              (data-effect), access-eval-step (data-stage, data-outcome), access-open-workspace
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export const ARTIFACTS = 'e2e-artifacts';

/** Every test's page fails if a request leaves the page's origin. */
export const test = base.extend<{ app: App }>({
  app: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL ?? 'http://127.0.0.1/').origin;
    const outside: string[] = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
    });
    await use(new App(page));
    expect(outside, 'requests that left the origin').toEqual([]);
  },
});

export { expect };

export class App {
  constructor(readonly page: Page) {}

  id(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  get decision(): Locator {
    return this.id('decision');
  }

  /** Opens the app (optionally with a fragment) and waits for the first decision. */
  async open(fragment = ''): Promise<void> {
    await this.page.goto(fragment ? `./#${fragment.replace(/^#/, '')}` : './');
    await expect(this.decision).toHaveAttribute('data-decision', /.+/);
  }

  /** Waits until the last edit is saved in the browser (`<html data-saved>`). */
  async saved(): Promise<void> {
    await expect(this.page.locator('html')).toHaveAttribute('data-saved', 'saved');
  }

  async expectDecision(d: Decision): Promise<void> {
    await expect(this.decision).toHaveAttribute('data-decision', d);
  }

  async waitForEditor(): Promise<void> {
    await expect(this.id('monaco-host')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  }

  tab(name: string): Locator {
    return this.id('policy-tab').filter({ has: this.page.getByTestId('policy-tab-name').getByText(name, { exact: true }) });
  }

  /** Focuses the policy editor and selects all its text. */
  async selectAllInEditor(): Promise<void> {
    await this.waitForEditor();
    await this.page.locator('.monaco-editor').first().click({ position: { x: 200, y: 20 } });
    await this.page.keyboard.press('ControlOrMeta+A');
  }

  /**
   * Replaces the active policy's text as a person pasting it would. A paste event
   * rather than keyboard.insertText: Monaco takes inserted multi-line text as typing,
   * so it auto-indents every line and auto-closes the first bracket.
   */
  async setPolicyText(text: string): Promise<void> {
    await this.selectAllInEditor();
    await this.page.evaluate((t) => {
      const target = document.activeElement;
      if (!target) throw new Error('The editor has no focus.');
      const data = new DataTransfer();
      data.setData('text/plain', t);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** Types a short single-line text at the cursor. */
  async typeInEditor(text: string): Promise<void> {
    await this.page.keyboard.insertText(text);
  }

  /** The visible lines of the editor, as plain text. */
  async editorText(): Promise<string> {
    const lines = await this.page.locator('.monaco-editor .view-line').allInnerTexts();
    return lines.join('\n').replace(/\u00a0/g, ' ');
  }

  async fill(testId: string, value: string): Promise<void> {
    await this.id(testId).fill(value);
  }

  async view(name: 'explain' | 'batch' | 'tests' | 'examples' | 'problems' | 'reason'): Promise<void> {
    await this.id(`view-${name}`).click();
  }

  /** The link the Share button makes. */
  async shareLink(): Promise<string> {
    await this.id('share-button').click();
    const link = await this.id('share-link').inputValue();
    await this.page.keyboard.press('Escape');
    return link;
  }

  /** Opens "Import from AWS" and puts the text in its box, as a paste would. */
  async importText(text: string): Promise<void> {
    await this.id('import-button').click();
    await expect(this.id('import-dialog')).toBeVisible();
    await this.id('import-text').fill(text);
  }

  /** Pastes text on the page outside any field or editor (the page-wide import). */
  async pasteOnPage(text: string): Promise<void> {
    await this.page.evaluate((t) => {
      (document.activeElement as HTMLElement | null)?.blur();
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    await this.page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
  }
}
