// A Vite plugin for test builds: with STEP_FIXTURES=<folder> set at build time, the modules
// ./extra-kinds.ts and ./extra-views.ts are replaced by <folder>/kinds.ts and <folder>/views.ts,
// so that a fixture kind (tests/fixtures/steps/demo) is registered in the built app exactly as a
// kind of this folder is. Without the variable the plugin does nothing; production builds never
// set it. Used by vite.config.ts and vite.server.config.ts.
import path from 'node:path';
import type { Plugin } from 'vite';

const HERE = path.resolve('src/lib/steps');
const REPLACED: Record<string, string> = {
	[path.join(HERE, 'extra-kinds.ts')]: 'kinds.ts',
	[path.join(HERE, 'extra-views.ts')]: 'views.ts'
};

export function stepFixtures(folder = process.env.STEP_FIXTURES): Plugin {
	return {
		name: 'vwp-step-fixtures',
		enforce: 'pre',
		async resolveId(source, importer, options) {
			if (!folder || !importer || !/extra-(kinds|views)(\.ts)?$/.test(source)) return null;
			const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
			const replacement = resolved && REPLACED[resolved.id];
			return replacement ? path.resolve(folder, replacement) : null;
		}
	};
}
