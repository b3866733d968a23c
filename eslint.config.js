// Lint rules. The layering rule (engine never imports the UI, the UI never imports the engine)
// is enforced here so that `npm test` fails the moment someone crosses it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const uiPackages = ['react', 'react-dom', 'zustand', '@xyflow/react', 'monaco-editor', 'uplot'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'out', 'test-results', 'playwright-report', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', performance: 'readonly', self: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/engine/**', 'src/model/**', 'src/project/**', 'src/fit/**', 'src/library/**', 'src/analysis/**', 'src/lessons/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: uiPackages, patterns: ['**/app/**'] }],
    },
  },
  {
    // The Brian2 export runs in the page too: no UI, and no engine (it mirrors the engine's flattening).
    files: ['src/export/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: uiPackages, patterns: ['**/app/**', '**/engine/**'] }],
    },
  },
  {
    files: ['src/app/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/engine/**'] }],
    },
  },
);
