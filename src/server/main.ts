// Production entry: one HTTP server for SvelteKit's handler and the sync endpoint.
// Bundled to build/server.js by vite.server.config.ts; run with `npm start`.
import http from 'node:http';
import { getApp } from '../lib/server/app';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;

// Without ORIGIN, SvelteKit's node adapter assumes https. Tell it what each request really
// used; behind a TLS-terminating proxy, set ORIGIN (or PROTOCOL_HEADER) instead.
const OWN_PROTOCOL_HEADER = 'x-visiewerkplaats-protocol';
const useOwnProtocolHeader = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (useOwnProtocolHeader) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;

const app = getApp();
const { handler } = (await import(new URL('./handler.js', import.meta.url).href)) as {
	handler: Handler;
};

const server = http.createServer((req, res) => {
	if (useOwnProtocolHeader) {
		req.headers[OWN_PROTOCOL_HEADER] =
			'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
	}
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});
server.on('upgrade', (request, socket, head) => {
	if (!app.sync.handleUpgrade(request, socket, head)) socket.destroy();
});

server.listen(app.config.port, app.config.host, () => {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : app.config.port;
	app.log('info', 'server_started', {
		url: `http://localhost:${port}`,
		dataDir: app.config.dataDir
	});
});

let stopping = false;
async function stop(signal: string) {
	if (stopping) return;
	stopping = true;
	app.log('info', 'server_stopping', { signal });
	server.close();
	await app.close();
	server.closeAllConnections();
	process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
