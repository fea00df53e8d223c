/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Keeps the app itself available on a flaky connection: a participant who reloads while the
// Wi-Fi is gone still gets the page, and the offline copy of the board (IndexedDB) does the rest.
import { build, files, version } from '$service-worker';

//
// What a phone keeps is only what its own route uses: the app's every chunk (console, projector,
// report) is 140 KB more that a participant on a slow network should not download. At install
// only the static files are stored; the page then sends the list of the scripts and styles it
// loaded itself (before this worker controlled it), and everything fetched later is stored as it
// comes. So a participant's phone holds the participant route, a facilitator's laptop the console.
const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `visiewerkplaats-${version}`;
const IMMUTABLE = new Set([...build, ...files]);

worker.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...files])));
});

worker.addEventListener('message', (event) => {
	const data = event.data as { type?: string; urls?: unknown } | null;
	if (data?.type !== 'precache' || !Array.isArray(data.urls)) return;
	const paths = data.urls
		.filter((url): url is string => typeof url === 'string')
		.map((url) => new URL(url, location.origin))
		.filter((url) => url.origin === location.origin && IMMUTABLE.has(url.pathname))
		.map((url) => url.pathname);
	event.waitUntil(
		caches.open(CACHE).then(async (cache) => {
			for (const path of new Set(paths)) if (!(await cache.match(path))) await cache.add(path);
		})
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key)))
			)
			// Control the page that installed this worker at once, so what it fetches next is stored.
			.then(() => worker.clients.claim())
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
