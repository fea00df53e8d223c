import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Room ids: 128 random bits, URL safe. */
export function newRoomId(): string {
	return randomBytes(16).toString('base64url');
}

export function newParticipantId(): string {
	return randomBytes(9).toString('base64url');
}

/** Secret keys: 256 random bits. Only their hashes are stored. */
export function newKey(): string {
	return randomBytes(32).toString('base64url');
}

export function hashKey(key: string): Buffer {
	return createHash('sha256').update(key, 'utf8').digest();
}

export function sameHash(a: Buffer, b: Buffer): boolean {
	return a.length === b.length && timingSafeEqual(a, b);
}

// Codes are read off a projector and typed on phones: letters and digits have fixed places,
// and neither set holds a sign that is easily misread (no I, L, O, Q; no 0, 1).
export const CODE_LETTERS = 'ABCDEFGHJKMNPRSTUVWXYZ';
export const CODE_DIGITS = '23456789';

function pick(alphabet: string): string {
	return alphabet[randomInt(alphabet.length)]!;
}

/** A join code such as "KDM-482": three letters, three digits. */
export function newJoinCode(): string {
	const letters = pick(CODE_LETTERS) + pick(CODE_LETTERS) + pick(CODE_LETTERS);
	const digits = pick(CODE_DIGITS) + pick(CODE_DIGITS) + pick(CODE_DIGITS);
	return `${letters}-${digits}`;
}

/** Reads what a person typed ("kdm 482", "KDM482", " kdm-482 ") as a join code, or null. */
export { readJoinCode as normalizeJoinCode } from '../join-code';
