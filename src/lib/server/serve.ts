import http from 'node:http';
import { listWorkshops } from '../workshop/catalog';
import { getApp } from './app';

export type RequestHandler = (
	req: http.IncomingMessage,
	res: http.ServerResponse,
	next?: () => void
) => void;

const notFound: RequestHandler = (_req, res) => {
	res.statusCode = 404;
	res.end('Not found');
};

/**
 * Serves `handler` and the sync endpoint on PORT and HOST. On SIGTERM or SIGINT it stops
 * accepting, saves every document, closes sockets with "restarting" (1012) and exits.
 */
export function serve(
	handler: RequestHandler = notFound,
	prepare?: (req: http.IncomingMessage) => void
): http.Server {
	const app = getApp();
	// Read (and check) the workshop files now: the first participant change after a start would
	// otherwise pay for parsing them (about a second), stalling every room on the server.
	listWorkshops();
	const server = http.createServer((req, res) => {
		prepare?.(req);
		handler(req, res, () => notFound(req, res));
	});
	server.on('upgrade', (request, socket, head) => {
		if (!app.sync.handleUpgrade(request, socket, head)) socket.destroy();
	});
	server.listen(app.config.port, app.config.host, () => {
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : app.config.port;
		app.log('info', 'server_started', {
			url: `http://localhost:${port}`,
			port,
			dataDir: app.config.dataDir
		});
	});

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		app.log('info', 'server_stopping', { signal });
		server.close();
		await app.close();
		server.closeAllConnections();
		app.log('info', 'server_stopped', { signal });
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));
	return server;
}
