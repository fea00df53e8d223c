// Join codes as people type them: shared by the pages that ask for one and the server that checks it.

/** What a person typed ("kdm 482", "KDM482") as a join code, or null when it cannot be one. */
export function readJoinCode(input: string): string | null {
	const compact = input.toUpperCase().replace(/[\s\-_.]/g, '');
	if (!/^[A-Z]{3}[0-9]{3}$/.test(compact)) return null;
	return `${compact.slice(0, 3)}-${compact.slice(3)}`;
}
