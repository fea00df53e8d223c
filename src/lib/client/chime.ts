// A gentle three-note chime with the Web Audio API: no sound file to ship.
let context: AudioContext | null = null;

/** Browsers allow sound only after a click: call this from one. */
export function unlockSound(): void {
	context ??= new AudioContext();
	void context.resume();
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
