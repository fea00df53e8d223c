// localStorage that never throws: private mode, a full disk or a blocked store make a browser
// forget, not fail. What is not stored still works for this visit.

export function readLocal(name: string): string | null {
	try {
		return localStorage.getItem(name);
	} catch {
		return null;
	}
}

export function writeLocal(name: string, value: string): void {
	try {
		localStorage.setItem(name, value);
	} catch {
		// Private mode or full storage: the value still works for this visit.
	}
}

export function removeLocal(name: string): void {
	try {
		localStorage.removeItem(name);
	} catch {
		// Nothing to forget.
	}
}

/** The names of everything stored, or none when the store cannot be read. */
export function localNames(): string[] {
	try {
		return Object.keys(localStorage);
	} catch {
		return [];
	}
}
