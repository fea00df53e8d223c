import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { syncServerPlugin } from './src/lib/server/vite-plugin.ts';
import { stepFixtures } from './src/lib/steps/extra-plugin.ts';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale']
		}),
		stepFixtures(),
		sveltekit(),
		syncServerPlugin()
	],
	server: { port: 5173 },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		// Integration tests start real servers and child processes: one file at a time keeps
		// their timing honest on a 2-core machine.
		fileParallelism: false,
		testTimeout: 20_000,
		hookTimeout: 20_000
	}
});
