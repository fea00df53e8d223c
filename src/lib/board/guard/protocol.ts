/**
 * The sync message (ours, beside y-websocket's 0–3) in which the server tells a client that it
 * put one of its changes back, with the reason. Clients without a handler ignore it.
 */
export const MESSAGE_REFUSED = 100;
