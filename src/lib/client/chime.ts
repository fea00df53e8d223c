// A gentle three-note chime with the Web Audio API: no sound file to ship.
// Browsers block sound until someone has clicked or pressed a key in the page; the projector
// asks soundBlocked() so that it says the truth ("geluid staat uit: tik om aan te zetten")
// instead of promising a chime that the browser will not play.
let context: AudioContext | null = null;
const listeners = new Set<() => void>();

function notify(): void {
	for (const listener of listeners) listener();
}

/** Browsers allow sound only after a click: call this from one. */
export function unlockSound(): void {
	if (typeof AudioContext === 'undefined') return;
	if (!context) {
		context = new AudioContext();
		context.addEventListener('statechange', notify);
	}
	void context.resume().then(notify, notify);
}

/** True while the browser would not play the chime (no click in the page yet, or suspended). */
export function soundBlocked(): boolean {
	return !context || context.state !== 'running';
}

/** Calls back when the browser starts or stops allowing sound; returns the unsubscribe. */
export function onSoundChange(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

export function chime(): void {
	if (!context || context.state !== 'running') return;
	const start = context.currentTime;
	[523.25, 659.25, 783.99].forEach((frequency, i) => {
		const oscillator = context!.createOscillator();
		const gain = context!.createGain();
		oscillator.frequency.value = frequency;
		gain.gain.setValueAtTime(0.0001, start + i * 0.25);
		gain.gain.exponentialRampToValueAtTime(0.25, start + i * 0.25 + 0.03);
		gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.25 + 0.9);
		oscillator.connect(gain).connect(context!.destination);
		oscillator.start(start + i * 0.25);
		oscillator.stop(start + i * 0.25 + 1);
	});
}
