import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// Layers are enforced here, not by memory (see ARCHITECTURE.md).
const noYjsInComponents = {
	patterns: [
		{
			group: ['yjs', 'y-websocket', 'y-indexeddb', 'y-protocols', 'y-protocols/*'],
			message:
				'Components never touch Yjs: use the adapters in $lib/client and the operations in $lib/board.'
		}
	]
};
const pureLayer = {
	patterns: [
		{
			group: ['svelte', 'svelte/*', '$app/*', '@sveltejs/*'],
			message: 'workshop, board and report are pure TypeScript: no Svelte or SvelteKit.'
		},
		{
			group: [
				'$lib/server/*',
				'**/server/*',
				'$lib/client/*',
				'**/client/*',
				'$lib/components/*',
				'**/components/*'
			],
			message: 'A lower layer may not import a higher one or the server.'
		}
	]
};

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			// The app is served at the root (no `paths.base`), and links carry key fragments.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['**/*.svelte', 'src/lib/components/**', 'src/lib/steps/**', 'src/routes/**'],
		rules: { 'no-restricted-imports': ['error', noYjsInComponents] }
	},
	{
		files: [
			'src/lib/workshop/**',
			'src/lib/board/**',
			'src/lib/report/**',
			// A step kind's pure part: loaded by the server and scripts, without Svelte.
			'src/lib/steps/*.ts',
			'src/lib/steps/*/{index,options,report}.ts'
		],
		ignores: ['src/lib/steps/views.ts', 'src/lib/steps/view-types.ts'],
		rules: { 'no-restricted-imports': ['error', pureLayer] }
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'src/lib/paraglide/',
			'data/',
			'test-results/',
			'playwright-report/',
			// What `npm run bench` writes (a bundled server among it): results, not sources.
			'bench/results/'
		]
	}
);
