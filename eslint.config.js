// One lint setup for the whole workspace; formatting is Prettier's job (eslint-config-prettier).
import js from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/data/**',
      'e2e/artifacts/**',
      '**/coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through apps/api/src/config.ts only.',
        },
      ],
    },
  },
  {
    // Hostile input: every string schema starts from text() and every id is idSchema
    // (@fourfold/shared/input), so NUL, lone surrogates and non-canonical ids never get through.
    files: ['packages/shared/src/**', 'apps/api/src/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through apps/api/src/config.ts only.',
        },
        {
          selector:
            "CallExpression[callee.object.name='z'][callee.property.name=/^(string|uuid|guid)$/]",
          message:
            'Use text() or idSchema from @fourfold/shared/input: they refuse NUL and unpaired surrogates and canonicalise ids.',
        },
      ],
    },
  },
  {
    // Outside the apps' source the environment is the harness's own (tests, scripts, CI).
    files: [
      'apps/api/src/config.ts',
      '**/*.config.{js,ts,mjs}',
      'scripts/**',
      'e2e/**',
      '**/test/**',
      'apps/api/faults/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // packages/shared is imported by both apps and must never import from them.
    files: ['packages/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@fourfold/api*', '@fourfold/web*', '../../apps/*'] },
      ],
    },
  },
  {
    // The web app runs in the browser, and its components follow the Rules of React.
    files: ['apps/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
);
