/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Keeps the app itself available on a flaky connection: a participant who reloads while the
// Wi-Fi is gone still gets the page, and the offline copy of the board (IndexedDB) does the rest.
import { build, files, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `visiewerkplaats-${version}`;
const IMMUTABLE = new Set([...build, ...files]);

worker.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...IMMUTABLE])));
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key)))
			)
	);
});

function cacheable(url: URL): boolean {
	return (
		url.origin === location.origin &&
		!url.pathname.startsWith('/api/') &&
		!url.pathname.startsWith('/sync/')
	);
}

async function respond(request: Request): Promise<Response> {
	const url = new URL(request.url);
	const cache = await caches.open(CACHE);
	if (IMMUTABLE.has(url.pathname)) {
		const cached = await cache.match(url.pathname);
		if (cached) return cached;
	}
	try {
		const response = await fetch(request);
		if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
		return response;
	} catch (error) {
		const cached = await cache.match(request, { ignoreSearch: true });
		if (cached) return cached;
		throw error;
	}
}

worker.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	if (event.request.method !== 'GET' || !cacheable(url)) return;
	event.respondWith(respond(event.request));
});
