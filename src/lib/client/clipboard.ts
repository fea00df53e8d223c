// Copying text in the browser, also where the Clipboard API is missing: it exists only in secure
// contexts (https, localhost), and a self-hosted instance may be served over plain http on the LAN.

/** Puts `text` on the clipboard; false when the browser allowed neither way. */
export async function copyText(text: string): Promise<boolean> {
	try {
		if (navigator.clipboard?.writeText) {
			await navigator.clipboard.writeText(text);
			return true;
		}
	} catch {
		// Refused (no permission, page not focused): try the older way below.
	}
	const area = document.createElement('textarea');
	area.value = text;
	area.setAttribute('readonly', '');
	area.style.position = 'fixed';
	area.style.opacity = '0';
	const focused = document.activeElement as HTMLElement | null;
	document.body.append(area);
	area.select();
	try {
		return document.execCommand('copy');
	} catch {
		return false;
	} finally {
		area.remove();
		focused?.focus();
	}
}
