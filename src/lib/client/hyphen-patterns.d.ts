// The `hyphen` package ships no types; these are the parts the projector uses. It is CommonJS:
// import its default export (named imports fail in Node's ESM loader during server rendering).
type Hyphenator = {
	hyphenateSync(text: string, options?: { minWordLength?: number; hyphenChar?: string }): string;
};
declare module 'hyphen/nl' {
	const hyphenator: Hyphenator;
	export default hyphenator;
}
declare module 'hyphen/en-gb' {
	const hyphenator: Hyphenator;
	export default hyphenator;
}
declare module 'hyphen/fr' {
	const hyphenator: Hyphenator;
	export default hyphenator;
}
