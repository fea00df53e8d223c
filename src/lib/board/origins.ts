// Typed transaction origins: undo tracks only the user's own edits; migrations and server
// moves are told apart in logs and observers.
export type Origin =
	| { readonly kind: 'user' }
	| { readonly kind: 'migration'; readonly version: number }
	| { readonly kind: 'server' };

export const USER_ORIGIN: Origin = Object.freeze({ kind: 'user' });
export const SERVER_ORIGIN: Origin = Object.freeze({ kind: 'server' });
