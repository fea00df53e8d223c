/**
 * A cheap structural check of a Yjs update (encoding v1) before Yjs reads it.
 *
 * Why: Yjs trusts the counts an update declares. `readClientsStructRefs` allocates
 * `new Array(numberOfStructs)` before it reads a single struct, so an 11-byte update declaring
 * 30 million structs makes V8 allocate and fill a 240 MB array (about 0.2 to 0.5 s of CPU) before
 * Yjs finds the end of the bytes and throws. This walk reads every count and length the way Yjs
 * does, and refuses the update as soon as one of them asks for more elements than there are bytes
 * left (each element takes at least one byte). It allocates nothing per element and costs one
 * pass over the bytes, so any update that passes is read by Yjs in time proportional to its size.
 *
 * It checks structure only, not meaning: what an update may change is decided elsewhere.
 * Trailing bytes after the delete set are allowed (Yjs ignores them too).
 */

/** Nesting of arrays and objects in `ContentAny` / `ContentDoc` values past which we refuse. */
const MAX_ANY_DEPTH = 64;
/** Content kinds (the low five bits of a struct's info byte), as Yjs 13 numbers them. */
const CONTENT_DELETED = 1;
const CONTENT_JSON = 2;
const CONTENT_BINARY = 3;
const CONTENT_STRING = 4;
const CONTENT_EMBED = 5;
const CONTENT_FORMAT = 6;
const CONTENT_TYPE = 7;
const CONTENT_ANY = 8;
const CONTENT_DOC = 9;
const STRUCT_SKIP = 10;
/** Shared type kinds whose reference carries a key (YXmlElement, YXmlHook). */
const TYPE_XML_ELEMENT = 3;
const TYPE_XML_HOOK = 5;
const TYPE_LAST = 6;

class Malformed extends Error {}

class Cursor {
	pos = 0;
	constructor(private readonly bytes: Uint8Array) {}

	get left(): number {
		return this.bytes.length - this.pos;
	}

	byte(): number {
		if (this.pos >= this.bytes.length) throw new Malformed('ends early');
		return this.bytes[this.pos++]!;
	}

	skip(n: number, what: string): void {
		if (n > this.left) throw new Malformed(`${what} longer than the update`);
		this.pos += n;
	}

	varUint(): number {
		let num = 0;
		let mult = 1;
		for (;;) {
			const r = this.byte();
			num += (r & 0x7f) * mult;
			if (r < 0x80) return num;
			mult *= 128;
			if (num > Number.MAX_SAFE_INTEGER) throw new Malformed('number out of range');
		}
	}

	/** An item id: client and clock. */
	id(): void {
		this.varUint();
		this.varUint();
	}

	varInt(): void {
		let r = this.byte();
		while (r & 0x80) r = this.byte();
	}

	/** A count of elements that follow, each at least one byte long. */
	count(what: string): number {
		const n = this.varUint();
		if (n > this.left) throw new Malformed(`${what}: ${n} declared, ${this.left} bytes left`);
		return n;
	}

	/** A length-prefixed string or byte array. */
	bytesWithLength(what: string): void {
		this.skip(this.varUint(), what);
	}

	/** lib0's `readAny`. */
	any(depth: number): void {
		if (depth > MAX_ANY_DEPTH) throw new Malformed('value nested too deeply');
		const type = this.byte();
		switch (type) {
			case 127: // undefined
			case 126: // null
			case 121: // false
			case 120: // true
				return;
			case 125:
				return this.varInt();
			case 124:
				return this.skip(4, 'float32');
			case 123:
			case 122:
				return this.skip(8, 'float64 or bigint');
			case 119:
				return this.bytesWithLength('string');
			case 118: {
				const n = this.count('object entries');
				for (let i = 0; i < n; i++) {
					this.bytesWithLength('object key');
					this.any(depth + 1);
				}
				return;
			}
			case 117: {
				const n = this.count('array items');
				for (let i = 0; i < n; i++) this.any(depth + 1);
				return;
			}
			case 116:
				return this.bytesWithLength('binary value');
			default:
				throw new Malformed(`unknown value type ${type}`);
		}
	}
}

function readContent(cursor: Cursor, kind: number): void {
	switch (kind) {
		case CONTENT_DELETED:
			cursor.varUint();
			return;
		case CONTENT_JSON: {
			const n = cursor.count('JSON items');
			for (let i = 0; i < n; i++) cursor.bytesWithLength('JSON item');
			return;
		}
		case CONTENT_BINARY:
		case CONTENT_STRING:
		case CONTENT_EMBED:
			cursor.bytesWithLength('content');
			return;
		case CONTENT_FORMAT:
			cursor.bytesWithLength('format key');
			cursor.bytesWithLength('format value');
			return;
		case CONTENT_TYPE: {
			const type = cursor.varUint();
			if (type > TYPE_LAST) throw new Malformed(`unknown shared type ${type}`);
			if (type === TYPE_XML_ELEMENT || type === TYPE_XML_HOOK) cursor.bytesWithLength('type key');
			return;
		}
		case CONTENT_ANY: {
			const n = cursor.count('values');
			for (let i = 0; i < n; i++) cursor.any(0);
			return;
		}
		case CONTENT_DOC:
			cursor.bytesWithLength('document guid');
			cursor.any(0);
			return;
		default:
			throw new Malformed(`unknown content kind ${kind}`);
	}
}

function readStructs(cursor: Cursor): void {
	const clients = cursor.count('clients');
	for (let c = 0; c < clients; c++) {
		const structs = cursor.count('structs');
		cursor.varUint(); // client
		cursor.varUint(); // first clock
		for (let s = 0; s < structs; s++) {
			const info = cursor.byte();
			if (info === STRUCT_SKIP) {
				cursor.varUint();
				continue;
			}
			const kind = info & 0x1f;
			if (kind === 0) {
				cursor.varUint(); // GC length
				continue;
			}
			if (info & 0x80) cursor.id(); // origin
			if (info & 0x40) cursor.id(); // right origin
			if ((info & 0xc0) === 0) {
				// No origins: the parent is written out, a root name or an item id.
				if (cursor.varUint() === 1) cursor.bytesWithLength('parent name');
				else cursor.id();
				if (info & 0x20) cursor.bytesWithLength('parent key');
			}
			readContent(cursor, kind);
		}
	}
}

function readDeleteSet(cursor: Cursor): void {
	const clients = cursor.count('delete set clients');
	for (let c = 0; c < clients; c++) {
		cursor.varUint(); // client
		const ranges = cursor.count('deleted ranges');
		for (let r = 0; r < ranges; r++) {
			cursor.varUint(); // clock
			cursor.varUint(); // length
		}
	}
}

/**
 * Checks that a Yjs v1 update is well formed and that none of its declared counts exceeds what
 * its bytes can hold. Returns null when it may be given to Yjs, otherwise why not.
 */
export function checkUpdateStructure(update: Uint8Array): string | null {
	const cursor = new Cursor(update);
	try {
		readStructs(cursor);
		readDeleteSet(cursor);
		return null;
	} catch (error) {
		if (error instanceof Malformed) return error.message;
		throw error;
	}
}
