// Bundles the production entry (HTTP + sync server around SvelteKit's handler) into build/server.js.
import { defineConfig } from 'vite';
import { stepFixtures } from './src/lib/steps/extra-plugin.ts';

export default defineConfig({
	// A test build's fixture step kinds (STEP_FIXTURES), as in vite.config.ts.
	plugins: [stepFixtures()],
	build: {
		ssr: 'src/server/main.ts',
		outDir: 'build',
		emptyOutDir: false,
		target: 'node20',
		rollupOptions: {
			external: ['./handler.js'],
			output: { entryFileNames: 'server.js', format: 'es' }
		}
	}
});
