import { expect, test } from '@playwright/test';

// The built site ships the licences of the third-party code it bundles (scripts/licenses.mjs).
test('the site serves third-party-licenses.txt naming what it bundles', async ({ request }) => {
  const response = await request.get('third-party-licenses.txt');
  expect(response.ok()).toBe(true);
  const text = await response.text();
  for (const name of ['react', 'react-dom', 'monaco-editor', 'zustand', 'fflate', 'jsonc-parser', 'tailwindcss']) {
    expect(text).toMatch(new RegExp(`^${name}@\\d+\\.\\d+\\.\\d+ \\(MIT\\)$`, 'm'));
  }
  expect(text).toMatch(/Permission is hereby granted/);
});
