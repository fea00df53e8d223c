// The build hook that registers a test's fixture kinds (src/lib/steps/extra-plugin.ts): it swaps
// exactly the two extra-* modules of src/lib/steps, and only when a folder is given.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stepFixtures } from '../../src/lib/steps/extra-plugin';

const STEPS = path.resolve('src/lib/steps');

/** Calls the plugin's resolveId as Vite would, with Vite's own resolution stubbed. */
async function resolve(folder: string | undefined, source: string, resolvedTo: string) {
	const plugin = stepFixtures(folder);
	const hook = plugin.resolveId as unknown as (
		this: { resolve: () => Promise<{ id: string }> },
		source: string,
		importer: string,
		options: object
	) => Promise<string | null>;
	return hook.call(
		{ resolve: async () => ({ id: resolvedTo }) },
		source,
		path.join(STEPS, 'registry.ts'),
		{}
	);
}

describe('the step fixtures build hook', () => {
	it('swaps the extra kinds and views for the folder’s kinds.ts and views.ts', async () => {
		const folder = 'tests/fixtures/steps';
		expect(await resolve(folder, './extra-kinds', path.join(STEPS, 'extra-kinds.ts'))).toBe(
			path.resolve(folder, 'kinds.ts')
		);
		expect(await resolve(folder, './extra-views', path.join(STEPS, 'extra-views.ts'))).toBe(
			path.resolve(folder, 'views.ts')
		);
	});

	it('leaves every other module alone, and does nothing without a folder', async () => {
		const elsewhere = path.resolve('src/lib/other/extra-kinds.ts');
		expect(await resolve('tests/fixtures/steps', './extra-kinds', elsewhere)).toBeNull();
		expect(
			await resolve('tests/fixtures/steps', './registry', path.join(STEPS, 'registry.ts'))
		).toBeNull();
		expect(
			await resolve(undefined, './extra-kinds', path.join(STEPS, 'extra-kinds.ts'))
		).toBeNull();
	});
});
