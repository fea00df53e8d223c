import type { IncomingMessage } from 'node:http';

/**
 * The client's address for a sync upgrade, read the way `@sveltejs/adapter-node` reads it for
 * HTTP requests, so that both count the same address: without `ADDRESS_HEADER` the socket's
 * peer; with it, that header's value; for `X-Forwarded-For` the address `XFF_DEPTH` entries from
 * the right (the one the nearest trusted proxy added). A request without the header, or with
 * fewer entries than `XFF_DEPTH`, did not come through the proxy: its socket's peer is used.
 */
export function clientAddress(
	request: IncomingMessage,
	addressHeader: string,
	xffDepth: number
): string {
	const peer = request.socket.remoteAddress ?? 'unknown';
	const header = addressHeader.trim().toLowerCase();
	if (!header) return peer;
	const raw = request.headers[header];
	const value = (Array.isArray(raw) ? raw.join(',') : raw)?.trim();
	if (!value) return peer;
	if (header !== 'x-forwarded-for') return value;
	const addresses = value.split(',');
	const depth = Math.max(1, xffDepth);
	if (depth > addresses.length) return peer;
	return addresses[addresses.length - depth]!.trim() || peer;
}
