import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const UI_AND_WEB = [
  { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', 'monaco-editor', 'monaco-editor/*', '@monaco-editor/*'], message: 'The engine must not depend on UI libraries.' },
  { group: ['**/web/**', '../web/*'], message: 'The engine must not import from web/.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'engine/dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The engine is pure: it runs in Node and the browser and knows nothing of the UI.
    files: ['engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: UI_AND_WEB }],
    },
  },
  {
    // The library runs in browsers too; only the CLI (and tests) may use Node's modules.
    files: ['engine/**/*.ts'],
    ignores: ['engine/cli/**', 'engine/package/**', 'engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...UI_AND_WEB, { group: ['node:*'], message: 'Only engine/cli/ may use Node modules.' }] }],
    },
  },
);
