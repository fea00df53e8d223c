import { getApp } from '$lib/server/app';
import { handle, keyOf } from '$lib/server/http';
import { exportWorkspace } from '$lib/server/workspace-api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, url }) =>
	handle(async () => {
		const app = getApp();
		const data = await exportWorkspace(app, params.id, keyOf(request, url), {
			names: url.searchParams.get('names') === '1'
		});
		const name =
			data.workspace.name
				.normalize('NFKD')
				.replace(/[^\w\s-]/g, '')
				.trim()
				.replace(/\s+/g, '-')
				.toLowerCase()
				.slice(0, 60) || 'werkruimte';
		return new Response(JSON.stringify(data, null, 2), {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="${name}.json"`,
				'cache-control': 'no-store'
			}
		});
	});
