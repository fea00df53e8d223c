import { json } from '@sveltejs/kit';
import { importRoom } from '$lib/server/import';
import { getApp } from '$lib/server/app';
import { handle, readBody } from '$lib/server/http';
import { RoomExportSchema } from '$lib/report/export';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, url }) =>
	handle(async () => {
		const app = getApp();
		const body = await readBody(request, RoomExportSchema, app.config.limits.maxImportBytes);
		return json(importRoom(app, body, url.origin), { status: 201 });
	});
