// Examples from AWS's ECR and ECS documentation and managed policies, ready to open.
import { encodeWorkspaceFile, exampleWorkspace, getExamples } from '../../engine-extras';
import { Inline } from '../../lib/Inline';
import { useActions } from '../../store';
import { download } from '../files/WorkspaceFiles';

export function Gallery() {
  const actions = useActions();
  const examples = getExamples();
  return (
    <div className="flex flex-col gap-2 p-3" data-testid="gallery">
      {examples.length === 0 && <p className="text-sm text-(--muted)">The examples are not available in this build.</p>}
      <ul className="grid gap-2">
        {examples.map((e) => (
          <li key={e.id} data-testid="gallery-item" data-example-id={e.id} className="rounded border border-(--border) p-2">
            <div className="flex items-start gap-2">
              <div className="min-w-0 flex-1">
                <h3 className="text-sm font-semibold">{e.title}</h3>
                <p className="text-xs">
                  <Inline text={e.description} />
                </p>
                <p className="mt-1 text-xs text-(--muted)">
                  {e.policies.length} polic{e.policies.length === 1 ? 'y' : 'ies'} · {e.cases.length} case{e.cases.length === 1 ? '' : 's'} · Source:{' '}
                  {e.url ? (
                    <a href={e.url} target="_blank" rel="noreferrer" className="underline" data-testid="gallery-source">
                      {e.source}
                    </a>
                  ) : (
                    e.source
                  )}
                </p>
                {e.version && (
                  <p className="text-xs text-(--muted)" data-testid="gallery-version">
                    {e.version}
                  </p>
                )}
              </div>
              <button
                type="button"
                data-testid="gallery-save"
                aria-label={`Download example as a workspace file: ${e.title}`}
                title="Download as a workspace file (container-iam test runs its cases)"
                onClick={() => download(`${e.id}.json`, encodeWorkspaceFile(exampleWorkspace(e)))}
                className="shrink-0 rounded border border-(--border) px-2 py-1 text-sm hover:bg-(--hover)"
              >
                File
              </button>
              <button
                type="button"
                data-testid="gallery-open"
                aria-label={`Open example: ${e.title}`}
                onClick={() => {
                  actions.replaceWorkspace(exampleWorkspace(e), 'example', { name: e.title });
                  actions.setView('tests');
                }}
                className="shrink-0 rounded border border-(--border) px-2 py-1 text-sm hover:bg-(--hover)"
              >
                Open
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
