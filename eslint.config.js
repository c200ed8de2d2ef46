// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries inside src/ (docs/architecture.md, STYLE.md "The shape of
 * the house"). Each zone forbids `target` from importing `from`, bar `except`
 * (paths relative to `from`). Only imports inside src/ are restricted; packages
 * are not.
 */
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** @param {Record<string, string[]>} extra more `except` paths per layer, for the known exceptions below */
const boundaryZones = (extra = {}) => [
  ...features.map((name) => ({
    target: `./src/features/${name}`,
    from: './src/features',
    except: [`./${name}`],
    message: 'Features never import each other: move the shared code to src/lib or src/components/ui, or compose both in src/app.',
  })),
  { target: './src/lib', from: './src', except: ['./lib'], message: 'src/lib is the bottom layer: it imports only src/lib.' },
  {
    target: './src/core',
    from: './src',
    except: ['./lib', './core'],
    message: 'src/core (the headless session core) imports only src/lib and src/core: it runs in the page, a Worker and Node.',
  },
  {
    target: './src/services',
    from: './src',
    except: ['./lib', './core', './services'],
    message: 'src/services imports only src/lib, src/core and src/services.',
  },
  {
    target: './src/components/ui',
    from: './src',
    except: ['./components/ui', './lib', ...(extra.ui ?? [])],
    message: 'src/components/ui imports only src/components/ui and src/lib.',
  },
  {
    target: './src/store',
    from: './src',
    except: ['./lib', './core', './services', './store'],
    message: 'src/store imports only src/lib, src/core, src/services and src/store.',
  },
];

/**
 * Imports that break a boundary today, each allowed for its one file only so
 * that nothing new slips in beside it. Remove an entry once the code moves.
 */
/** @type {{ file: string, extra: Record<string, string[]> }[]} */
const knownExceptions = [];

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'node_modules', 'test-results', 'playwright-report', 'bench/results', 'bench/dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Server data is rendered as text, never as HTML.' },
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Use textContent; server data is never HTML.' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Boundaries and cycles, resolved the way tsc resolves (tsconfig.json).
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones() }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  ...knownExceptions.map(({ file, extra }) => ({
    files: [file],
    rules: { 'import-x/no-restricted-paths': /** @type {['error', object]} */ (['error', { zones: boundaryZones(extra) }]) },
  })),
);
