import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, readWorkspaceFile } from '../engine/index.ts';
import { exampleFiles, staleExampleFiles } from './build-examples.ts';

describe('examples/', () => {
  it('holds the gallery as workspace files, up to date (npm run examples:update)', () => {
    expect(staleExampleFiles()).toEqual([]);
  });

  it('every example file opens, AWS accepts its policies and its tests pass', () => {
    for (const [name, text] of exampleFiles()) {
      const r = readWorkspaceFile(text);
      if (!r.ok) throw new Error(`${name}: ${r.error}`);
      const analysis = analyzeWorkspace(r.workspace);
      expect({ name, accepted: analysis.accepted, failing: analysis.tests.filter((t) => !t.pass).map((t) => t.name) }).toEqual({ name, accepted: true, failing: [] });
      expect(analysis.tests.length).toBeGreaterThan(0);
    }
  });
});
