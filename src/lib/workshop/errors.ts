/** A problem in a content file, with the file and line it is on. */
export class ContentError extends Error {
	constructor(
		readonly file: string,
		readonly line: number,
		readonly problem: string
	) {
		super(`${file}:${line}: ${problem}`);
	}
}
