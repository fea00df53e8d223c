// The browser's side of versioned documents: when the server's document is newer than the code
// this page runs, the page writes nothing more and reloads once to get the new code, with a plain
// message. If it still runs old code after that reload (a cache), it stays read-only and says so.
import { m } from '$lib/paraglide/messages';
import { SCHEMA_VERSION, versionAction } from '$lib/board/schema';

const RELOADED_KEY = 'visiewerkplaats:reloaded-for-schema';
const RELOAD_AFTER_MS = 2500;

function reloadedFor(): number | null {
	try {
		const value = Number(sessionStorage.getItem(RELOADED_KEY));
		return Number.isInteger(value) && value > 0 ? value : null;
	} catch {
		return null;
	}
}

let reloading = false;

/**
 * Decides what to do with a document of `docVersion`: true when this page may write into it.
 * Otherwise it shows why and reloads (once per version and tab).
 */
export function checkDocumentVersion(docVersion: number): boolean {
	const action = versionAction(docVersion, SCHEMA_VERSION, reloadedFor());
	if (action === 'write') return true;
	if (action === 'stop') {
		showNotice(m.version_stale());
		return false;
	}
	showNotice(m.version_reloading());
	if (!reloading) {
		reloading = true;
		try {
			sessionStorage.setItem(RELOADED_KEY, String(docVersion));
		} catch {
			// Without storage the next page load may reload once more; it then says so.
		}
		setTimeout(() => location.reload(), RELOAD_AFTER_MS);
	}
	return false;
}

/**
 * Shown on every room page (console, phone, projector) without each page having to place it:
 * one live region at the top of the page.
 */
function showNotice(text: string): void {
	let element = document.getElementById('version-notice');
	if (!element) {
		element = document.createElement('p');
		element.id = 'version-notice';
		element.setAttribute('role', 'alert');
		element.dataset.testid = 'version-notice';
		element.style.cssText =
			'position:fixed;inset:0 0 auto 0;z-index:1000;margin:0;padding:1rem 1.5rem;' +
			'background:var(--brand-strong);color:var(--paper);font-family:var(--font);' +
			'font-size:1.15rem;line-height:1.4;text-align:center;box-shadow:var(--shadow)';
		document.body.append(element);
	}
	element.textContent = text;
}
