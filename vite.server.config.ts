// Bundles the production entry (HTTP + sync server around SvelteKit's handler) into build/server.js.
import { defineConfig } from 'vite';

export default defineConfig({
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
