// One instance for the failover test: the sync server and /healthz as the app answers it
// (src/routes/healthz: a query through the store, 200 JSON), without building the pages.
import { getApp } from '../../src/lib/server/app';
import { serve } from '../../src/lib/server/serve';

serve((req, res, next) => {
	if (req.url !== '/healthz') return next?.();
	try {
		const app = getApp();
		app.db.prepare('SELECT 1').get();
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ status: 'ok', ...app.sync.stats() }));
	} catch (error) {
		res.writeHead(503, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ status: 'unavailable', message: String(error) }));
	}
});
