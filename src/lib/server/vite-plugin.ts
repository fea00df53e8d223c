// Serves the sync endpoint from `vite dev` and `vite preview`, as the production entry does.
// The app module is loaded through Vite (not imported here), so the Vite config stays small
// and dev shares one module instance with the SvelteKit routes.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { runnerImport, type Plugin } from 'vite';

type AppModule = typeof import('./app');
type LoadApp = () => Promise<AppModule>;

const APP_MODULE = '/src/lib/server/app.ts';

function attach(httpServer: HttpServer | null, load: LoadApp): void {
	httpServer?.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
		// Only /sync/ is claimed: Vite's own HMR socket keeps working.
		if (!request.url?.startsWith('/sync/')) return;
		load()
			.then((module) => module.getApp().sync.handleUpgrade(request, socket, head))
			.catch((error) => {
				console.error('sync server failed to load', error);
				socket.destroy();
			});
	});
}

export function syncServerPlugin(): Plugin {
	return {
		name: 'visiewerkplaats-sync',
		configureServer(server) {
			attach(
				server.httpServer as HttpServer | null,
				() => server.ssrLoadModule(APP_MODULE) as Promise<AppModule>
			);
		},
		configurePreviewServer(server) {
			let loading: Promise<AppModule> | undefined;
			const load = () =>
				(loading ??= runnerImport<AppModule>(`.${APP_MODULE}`).then((result) => result.module));
			attach(server.httpServer as HttpServer, load);
		}
	};
}
