// ESLint for the TypeScript sources, tests, scripts and benchmarks. `npm test` runs it (pretest).
// Formatting is prettier's job (`npm run format`); ESLint only checks code quality.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused arguments that start with _ are deliberate (callbacks with a fixed shape).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Control characters are what the shell and terminal code matches on (ANSI escapes, NUL).
      'no-control-regex': 'off',
    },
  },
  {
    // The bin is CommonJS on purpose (startup budget: it loads the bundle through a V8 code cache).
    files: ['bin/**/*.js', 'bin/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
