// Production entry: SvelteKit's handler and the sync endpoint in one HTTP server.
// Bundled to build/server.js by vite.server.config.ts; run with `npm start`.
import type { IncomingMessage } from 'node:http';
import { serve, type RequestHandler } from '../lib/server/serve';

// Without ORIGIN, SvelteKit's node adapter assumes https. Tell it what each request really
// used; behind a TLS-terminating proxy, set ORIGIN (or PROTOCOL_HEADER) instead.
const OWN_PROTOCOL_HEADER = 'x-visiewerkplaats-protocol';
const useOwnProtocolHeader = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (useOwnProtocolHeader) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;

function markProtocol(req: IncomingMessage): void {
	if (!useOwnProtocolHeader) return;
	req.headers[OWN_PROTOCOL_HEADER] =
		'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
}

const { handler } = (await import(new URL('./handler.js', import.meta.url).href)) as {
	handler: RequestHandler;
};
serve(handler, markProtocol);
