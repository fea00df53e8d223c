// A full room: 40 participants walk the whole "Visievorming zorgzame buurten" workshop. Four
// real browsers (the facilitator's console, the projector, a phone and a laptop) and 38 raw
// y-websocket clients, each joined with its own participant key through the real sync server,
// writing long Dutch words and realistic texts. On every step the projector must fit its screen at
// 1920×1080 and at 1280×720: no scrolling, nothing outside the screen, no clipped text box, and no
// word broken in the middle without a hyphen.
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
	addNote as addBoardNote,
	answerCheckItem,
	createCluster,
	moveToCluster,
	notesFromYdoc,
	placeDot,
	proposeAction,
	rateBlock,
	setActionStatus,
	setRevealed,
	setVotingOpen,
	actionsFromYdoc,
	type Rating
} from '../../src/lib/board';
import { dotResultsKey } from '../../src/lib/board/brainstorm';
import { addNote, joinWithLink, newPage } from './helpers';

const SHOTS = 'tests/e2e/screenshots/full-room';
const RAW = 38;
const SCREENS = [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 }
];

type Created = {
	id: string;
	joinCode: string;
	facilitatorKey: string;
	viewerKey: string;
	urls: { facilitator: string; projector: string; join: string };
};

type Raw = {
	id: string;
	name: string;
	board: Y.Doc;
	providers: WebsocketProvider[];
	draft?: Y.Doc;
};

const FIRST = [
	'Marie-Jeanne',
	'Abdelkader',
	'Griet',
	'Wannes',
	'Fatima-Zahra',
	'Jef',
	'Anneleen',
	'Mohamed',
	'Rosalie',
	'Bart'
];
const LAST = ['Vandenbroucke', 'Verhaegen', 'El Khattabi', 'Van Oudenhove', 'Claeys'];
const ROLES = [
	'thuisverpleegkundige bij het Wit-Gele Kruis',
	'coördinator van het buurtgezondheidscentrum',
	'maatschappelijk werker bij het OCMW',
	'schepen van welzijn en gelijke kansen',
	'vrijwilliger bij de ouderenadviesraad',
	'medewerker mantelzorgondersteuning',
	'directeur van het woonzorgcentrum Ter Linde',
	'buurtwerker in de sociale huisvestingswijk',
	'huisarts in de wijkgezondheidspraktijk',
	'zorgcoördinator bij de vrijwilligersorganisatie'
];
const CARING = [
	'Ik bracht mijn buurvrouw soep toen ze griep had.',
	'Iemand hielp me met de boodschappen toen ik geopereerd was aan mijn knie.',
	'Ik ging op huisbezoek bij een alleenstaande man die al weken niemand had gezien.',
	'Mijn buren verzorgden in december onze kat en de planten.',
	'Ik organiseerde een samenaankomst voor mantelzorgers in het dienstencentrum.'
];
const EXPECT = [
	'Ik wil leren hoe andere gemeenten het buurtgerichte zorgnetwerk aanpakken.',
	'Concrete afspraken over intergemeentelijke samenwerking rond eenzaamheidsbestrijding.',
	'Een gedeelde visie waar het schepencollege achter kan staan.',
	'Weten wie welke rol opneemt in de eerstelijnszone.',
	'Inspiratie voor laagdrempelige ontmoetingsplekken in onze deelgemeenten.'
];
const IDEAS: Record<string, string[]> = {
	'wie-aanwezig': [
		'Jong en oud, ook nieuwkomers',
		'Een vertrouwde thuisverpleegkundige',
		'Buurtbewoners die elkaar kennen'
	],
	'wat-gebeurt': [
		'Een buurtfeest in de zomer',
		'Samen koken in het buurtrestaurant',
		'Huiswerkbegeleiding door gepensioneerden'
	],
	'wat-aanwezig': [
		'Een toegankelijk dienstencentrum',
		'Bankjes en speelpleinen',
		'Een buurtgezondheidscentrum om de hoek'
	],
	'wie-werkt': [
		'Een buurtwerker met tijd',
		'De wijkagent en de huisarts',
		'Vrijwilligersorganisaties en verenigingen'
	],
	'wat-leeft': [
		'Eenzaamheid bij alleenstaande ouderen',
		'Zorgen over betaalbaarheid',
		'Onveiligheidsgevoelens na valpartijen'
	]
};
const WORDS = [
	'Verbondenheid',
	'Warm',
	'Samen',
	'Buurtzorgnetwerk',
	'Thuis',
	'Nabijheid',
	'Zorgzaamheid',
	'Vertrouwen'
];
const ACTORS: Record<string, string[]> = {
	burgers: ['Mantelzorgers', 'Buurtbewoners met een hart voor de wijk', 'Jongerenvereniging'],
	organisaties: ['Wit-Gele Kruis', 'Ziekenfondsen en thuiszorgdiensten', 'Vrijwilligerswerking'],
	'lokaal-bestuur': ['Welzijnsdienst', 'Dienst ruimtelijke ordening', 'Ouderenadviesraad']
};
const VISION = [
	'In onze buurt weet iedereen bij wie hij terecht kan, ook wie geen internet heeft.',
	'Over vijf jaar heeft elke deelgemeente een ontmoetingsplek waar jong en oud elkaar vinden.',
	'In onze buurt werken thuisverpleegkundigen, huisartsen en vrijwilligers samen als één zorgnetwerk.',
	'Niemand blijft alleen met zorgvragen: buren kijken naar elkaar om.',
	'De gemeente luistert naar bewoners en beslist samen met hen over de buurtgezondheidszorg.',
	'Mantelzorgers krijgen op tijd ondersteuning en voelen zich gewaardeerd.',
	'Iedereen kan comfortabel thuis blijven wonen, ongeacht de ondersteuningsbehoeften.'
];
const ACTIONS = [
	['Een sociale kaart van alle buurtgerichte zorgaanbieders', 'Welzijnsdienst', 'tegen december'],
	['Maandelijks buurtrestaurant in het dienstencentrum', 'Buurtwerker Griet', 'vanaf maart'],
	['Huisbezoeken bij alleenstaande 80-plussers', 'OCMW en vrijwilligers', 'voorjaar'],
	['Overleg tussen huisartsen en thuisverpleegkundigen', 'Zorgcoördinator', 'elk kwartaal'],
	[
		'Vorming rond eenzaamheidsbestrijding voor vrijwilligers',
		'Vrijwilligersorganisatie',
		'oktober'
	],
	['Bankjes langs de wandelroute naar het woonzorgcentrum', 'Dienst openbaar domein', 'zomer'],
	['Infomoment mantelzorgondersteuning in elke deelgemeente', 'Ziekenfondsen', 'najaar'],
	['Buddywerking voor nieuwkomers in de sociale huisvesting', 'Buurtwerk', 'volgend jaar'],
	['Een gedeelde visietekst voor het schepencollege', 'Schepen van welzijn', 'januari'],
	['Intergemeentelijke samenwerking met de eerstelijnszone', 'Lokaal bestuur', '2027'],
	['Telefoonlijn voor dringende burenhulp', 'Vrijwilligers', 'na de zomer'],
	['Jaarlijkse evaluatie met de ouderenadviesraad', 'Ouderenadviesraad', 'juni']
];
const BLOCKS = [
	'buurtanalyse',
	'visie-organisatie',
	'detectie',
	'toeleiding',
	'sociale-netwerken',
	'inclusie',
	'communiceren',
	'partnerschappen'
];
const RATINGS: Rating[] = ['strong', 'partly', 'notyet', 'unknown'];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
let counter = 0;
const newId = () => `full-${Date.now().toString(36)}-${(counter++).toString(36)}`;

function connect(base: string, roomId: string, docName: string, key: string, doc = new Y.Doc()) {
	const provider = new WebsocketProvider(`${base}/sync`, `${roomId}/${docName}`, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { key },
		disableBc: true
	});
	return { doc, provider };
}

const waitSynced = (providers: WebsocketProvider[]) =>
	expect.poll(() => providers.every((p) => p.synced), { timeout: 30_000 }).toBe(true);

/** Everything on the projector that does not fit, as readable lines (empty: all fits). */
async function overflowProblems(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		const width = window.innerWidth;
		const height = window.innerHeight;
		const root = document.documentElement;
		if (root.scrollHeight > height) problems.push(`page ${root.scrollHeight} px high in ${height}`);
		if (root.scrollWidth > width) problems.push(`page ${root.scrollWidth} px wide in ${width}`);
		const describe = (el: Element) =>
			`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/)[0] : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
		const projector = document.querySelector('[data-testid="projector"]');
		if (!projector) return ['no projector'];
		for (const el of projector.querySelectorAll('*')) {
			const rect = el.getBoundingClientRect();
			if (rect.width <= 1 || rect.height <= 1) continue;
			if (rect.right > width + 1 || rect.bottom > height + 1 || rect.left < -1 || rect.top < -1)
				problems.push(`outside the screen: ${describe(el)} ${JSON.stringify(rect)}`);
			const style = getComputedStyle(el);
			const clips = (v: string) => v !== 'visible';
			if (
				(clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
				(clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
			)
				problems.push(
					`clipped: ${describe(el)} ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`
				);
		}
		// A word that goes on on the next line must end its line on a (soft) hyphen. Each line's
		// first character is found with the caret at the line's start (the rectangles of single
		// characters next to a hyphenation point are not reliable in Chromium).
		const walker = document.createTreeWalker(projector, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = node.textContent ?? '';
			if (!text.trim()) continue;
			const range = document.createRange();
			range.selectNodeContents(node);
			const lines = new Map<number, DOMRect>();
			for (const rect of range.getClientRects()) {
				if (rect.width <= 0) continue;
				const middle = Math.round(rect.top + rect.height / 2);
				const known = [...lines.keys()].find((k) => Math.abs(k - middle) < rect.height / 2);
				if (known === undefined) lines.set(middle, rect);
				else if (rect.left < lines.get(known)!.left) lines.set(known, rect);
			}
			const starts = [...lines.entries()].sort((a, b) => a[0] - b[0]).slice(1);
			for (const [, rect] of starts) {
				const caret = document.caretRangeFromPoint(rect.left + 1, rect.top + rect.height / 2);
				if (!caret || caret.startContainer !== node) continue;
				const at = caret.startOffset;
				const before = text[at - 1] ?? ' ';
				if (at === 0 || /[\s\u00ad/–—-]/u.test(before) || /\s/u.test(text[at] ?? ' ')) continue;
				const word = `${/\S*$/u.exec(text.slice(0, at))![0]}|${/^\S*/u.exec(text.slice(at))![0]}`;
				problems.push(`broken without a hyphen: "${word.replaceAll('\u00ad', '')}"`);
			}
		}
		return problems;
	});
}

test('forty people walk the whole workshop and the projector fits every step', async ({
	browser,
	request,
	baseURL
}) => {
	test.setTimeout(600_000);
	fs.mkdirSync(SHOTS, { recursive: true });
	const created = (await (
		await request.post('/api/rooms', {
			data: { workshop: 'visievorming-zorgzame-buurten', title: 'Zorgzame buurt Kessel-Lo' }
		})
	).json()) as Created;
	const wsBase = baseURL!.replace(/^http/, 'ws');

	const facilitator = await newPage(browser, 'laptop');
	await facilitator.page.goto(created.urls.facilitator);
	await expect(facilitator.page.getByTestId('console')).toBeVisible();
	const projector = await newPage(browser, 'projector');
	await projector.page.goto(created.urls.projector);
	await expect(projector.page.getByTestId('projector')).toBeVisible();

	// The facilitator's own raw connections, for the moderation a test need not click through.
	const control = connect(wsBase, created.id, 'control', created.facilitatorKey);
	const moderation = connect(wsBase, created.id, 'board', created.facilitatorKey);

	const phone = await newPage(browser, 'phone');
	const laptop = await newPage(browser, 'laptop');
	await joinWithLink(phone.page, `/join/${created.joinCode}`, 'Mieke');
	await joinWithLink(laptop.page, `/join/${created.joinCode}`, 'Jan-Willem');

	const raws: Raw[] = [];
	for (let i = 0; i < RAW; i++) {
		const name = `${pick(FIRST, i)} ${pick(LAST, i * 3 + 1)}`;
		const joined = await request.post('/api/join', { data: { code: created.joinCode, name } });
		expect(joined.status()).toBe(200);
		const { participantId, participantKey } = (await joined.json()) as {
			participantId: string;
			participantKey: string;
		};
		const board = connect(wsBase, created.id, 'board', participantKey);
		const draft = connect(wsBase, created.id, 'draft', participantKey);
		raws.push({
			id: participantId,
			name,
			board: board.doc,
			draft: draft.doc,
			providers: [board.provider, draft.provider]
		});
	}
	await waitSynced([control.provider, moderation.provider, ...raws.flatMap((r) => r.providers)]);

	const titles = await facilitator.page.getByTestId('agenda-step').allInnerTexts();
	expect(titles).toHaveLength(12);
	const note = (raw: Raw, step: string, text: string, column = '', doc = raw.board) =>
		addBoardNote(doc, {
			id: newId(),
			text,
			step,
			column,
			author: raw.id,
			authorName: raw.name,
			created: Date.now()
		});
	const notesOf = (step: string) => notesFromYdoc(moderation.doc).filter((n) => n.step === step);
	const projectorNotes = projector.page.getByTestId('note');

	for (let index = 0; index < titles.length; index++) {
		const stepId = (await facilitator.page.getByTestId('step').getAttribute('data-step-id'))!;
		await expect(projector.page.getByTestId('step')).toHaveAttribute('data-step-id', stepId);

		if (stepId === 'kennismaking' || stepId === 'verwachtingen') {
			raws.forEach((raw, i) =>
				note(
					raw,
					stepId,
					stepId === 'kennismaking'
						? `Ik ben ${raw.name.split(' ')[0]}, ${pick(ROLES, i)}. ${pick(CARING, i)}`
						: pick(EXPECT, i)
				)
			);
			await addNote(
				phone.page,
				stepId === 'kennismaking' ? 'Ik ben Mieke, gepensioneerd.' : 'Leren van elkaar.'
			);
			await addNote(laptop.page, 'Jan-Willem, beleidsmedewerker welzijn.');
			await expect(projectorNotes).toHaveCount(40);
		}
		if (stepId === 'denkoefening') {
			const columns = Object.keys(IDEAS);
			raws.forEach((raw, i) => {
				const column = pick(columns, i);
				note(raw, stepId, pick(IDEAS[column]!, i), column);
				if (i % 2 === 0) note(raw, stepId, pick(IDEAS[column]!, i + 1), column);
			});
			await expect(projectorNotes).toHaveCount(RAW + RAW / 2);
			// The facilitator groups some cards into themes, opens the dots, and shows the results.
			const themes = [
				['wat-gebeurt', 'Ontmoeting en samen dingen doen'],
				['wat-leeft', 'Eenzaamheid en betaalbaarheid'],
				['wie-werkt', 'Professionals en vrijwilligers']
			];
			for (const [column, title] of themes) {
				const cluster = { id: newId(), step: stepId, title: title!, created: Date.now() };
				createCluster(moderation.doc, cluster);
				for (const n of notesOf(stepId)
					.filter((n) => n.column === column)
					.slice(0, 5))
					moveToCluster(moderation.doc, n.id, cluster.id);
			}
			await expect(projector.page.getByTestId('projector-cluster')).toHaveCount(3);
			setVotingOpen(control.doc, stepId, true);
			await expect(projector.page.getByTestId('projector-voting')).toBeVisible();
			const targets = notesOf(stepId);
			await expect
				.poll(() => notesFromYdoc(raws[0]!.board).filter((n) => n.step === stepId).length)
				.toBe(targets.length);
			raws.forEach((raw, i) => {
				for (let d = 0; d < 3; d++)
					placeDot(raw.board, {
						step: stepId,
						participant: raw.id,
						target: targets[(i + d * 7) % targets.length]!.id,
						delta: 1,
						limit: 3
					});
			});
			setRevealed(control.doc, dotResultsKey(stepId, false), true);
			await expect(projector.page.getByTestId('note-dots').first()).toBeVisible();
		}
		if (stepId === 'beeld') {
			raws.forEach((raw, i) => note(raw, stepId, pick(WORDS, i * 5)));
			await addNote(phone.page, 'Zorgzaamheid');
			await expect(projector.page.getByTestId('word-cloud').locator('li')).toHaveCount(
				WORDS.length
			);
		}
		if (stepId === 'definitie')
			await expect(projector.page.getByLabel('Onze eigen woorden')).toContainText('Samen');
		if (stepId === 'actoren') {
			const columns = Object.keys(ACTORS);
			raws.forEach((raw, i) => {
				const column = pick(columns, i);
				note(raw, stepId, pick(ACTORS[column]!, i), column, raw.draft);
			});
			await expect(projector.page.getByTestId('projector-waiting')).toHaveAttribute(
				'data-count',
				String(RAW)
			);
			await projector.page.screenshot({ path: `${SHOTS}/${index + 1}-${stepId}-waiting.png` });
			setRevealed(control.doc, stepId, true);
			await expect(projectorNotes).toHaveCount(RAW);
		}
		if (stepId === 'voorbereiding') {
			const items = [
				'mandaat',
				'project-voorgesteld',
				'teksten-visies',
				'communicatiedienst',
				'participatie'
			];
			const notes = [
				'Het schepencollege gaf in december een duidelijk mandaat.',
				'Voorgesteld op de adviesraad welzijn en aan de eerstelijnszone.',
				'Nog geen budget; de meerjarenplanning en het lokaal sociaal beleidsplan liggen klaar.',
				'De communicatiedienst schuift aan vanaf de volgende vergadering.',
				'Er is een participatiereglement, maar nog geen visie op buurtgerichte participatietrajecten.'
			];
			items.forEach((item, i) =>
				answerCheckItem(moderation.doc, {
					step: stepId,
					item,
					answer: (['yes', 'yes', 'partly', 'partly', 'no'] as const)[i]!,
					note: notes[i]!
				})
			);
			await expect(projector.page.getByText('Nog geen budget', { exact: false })).toBeVisible();
		}
		if (stepId === 'referentiekader') {
			raws.forEach((raw, i) => {
				BLOCKS.forEach((block, b) =>
					rateBlock(raw.board, {
						step: stepId,
						participant: raw.id,
						block,
						rating: pick(RATINGS, i + b)
					})
				);
				if (i < 16)
					note(
						raw,
						stepId,
						`Bij ons: ${pick(CARING, i)} Dat is een voorbeeld van ${pick(BLOCKS, i)}.`,
						pick(BLOCKS, i)
					);
			});
			await projector.page.screenshot({ path: `${SHOTS}/${index + 1}-${stepId}-progress.png` });
			setRevealed(control.doc, stepId, true);
		}
		if (stepId === 'visie') {
			raws.forEach((raw, i) =>
				note(
					raw,
					stepId,
					`${pick(VISION, i)}${i >= VISION.length ? ` (${raw.name.split(' ')[0]})` : ''}`
				)
			);
			await addNote(phone.page, 'In onze buurt groet iedereen elkaar, ook de nieuwkomers.');
			await expect(projectorNotes).toHaveCount(RAW + 1);
			setVotingOpen(control.doc, stepId, true);
			const targets = notesOf(stepId);
			await expect
				.poll(() => notesFromYdoc(raws[0]!.board).filter((n) => n.step === stepId).length)
				.toBe(targets.length);
			raws.forEach((raw, i) => {
				for (let d = 0; d < 3; d++)
					placeDot(raw.board, {
						step: stepId,
						participant: raw.id,
						target: targets[(i + d) % 9]!.id,
						delta: 1,
						limit: 3
					});
			});
			setRevealed(control.doc, dotResultsKey(stepId, false), true);
			await expect(projector.page.getByTestId('note-dots').first()).toBeVisible();
		}
		if (stepId === 'aan-de-slag') {
			ACTIONS.forEach(([title, lead, when], i) =>
				proposeAction(raws[i]!.board, {
					id: newId(),
					step: stepId,
					author: raws[i]!.id,
					created: Date.now(),
					title,
					lead,
					when,
					partners: 'Wit-Gele Kruis, ziekenfondsen, ouderenadviesraad en buurtbewoners',
					firstStep: 'Een eerste overleg plannen met alle betrokken partners',
					block: pick(BLOCKS, i)
				})
			);
			await expect.poll(() => actionsFromYdoc(moderation.doc).length).toBe(ACTIONS.length);
			for (const action of actionsFromYdoc(moderation.doc).slice(0, 9))
				setActionStatus(moderation.doc, action.id, 'confirmed');
			setVotingOpen(control.doc, stepId, true);
			await expect
				.poll(() => actionsFromYdoc(raws[0]!.board).filter((a) => a.status === 'confirmed').length)
				.toBe(9);
			const confirmed = actionsFromYdoc(raws[0]!.board).filter((a) => a.status === 'confirmed');
			raws.forEach((raw, i) => {
				for (let d = 0; d < 3; d++)
					placeDot(raw.board, {
						step: stepId,
						participant: raw.id,
						target: confirmed[(i + d) % confirmed.length]!.id,
						delta: 1,
						limit: 3
					});
			});
			setRevealed(control.doc, stepId, true);
		}
		if (stepId === 'afsluiting') {
			const recap = projector.page.getByTestId('closing-recap');
			await expect(recap.getByTestId('recap-vision')).toContainText('In onze buurt');
			await expect(recap.getByTestId('recap-themes')).toContainText(
				'Ontmoeting en samen dingen doen'
			);
			await expect(recap.getByTestId('recap-actions')).toContainText('sociale kaart');
			await expect(recap.getByTestId('recap-thanks')).toBeVisible();
			for (const session of [phone, laptop]) {
				const onPhone = session.page.getByTestId('closing-recap');
				await expect(onPhone.getByTestId('recap-vision')).toContainText('In onze buurt');
				await expect(onPhone.getByTestId('recap-actions')).toContainText('sociale kaart');
				// The five strongest sentences first; the rest one tap away.
				const sentences = onPhone.getByTestId('recap-vision').locator('ol > li');
				await expect(sentences).toHaveCount(5);
				const showAll = onPhone.getByTestId('recap-show-all');
				await showAll.click();
				await expect(showAll).toHaveAttribute('aria-expanded', 'true');
				expect(await sentences.count()).toBeGreaterThan(5);
			}
			await phone.page.screenshot({
				path: `${SHOTS}/${index + 1}-${stepId}-phone.png`,
				fullPage: true
			});
		}

		// The join panel is large on the first step only; after it a slim bar with the code.
		if (index === 0) await expect(projector.page.getByTestId('join-panel')).toBeVisible();
		else await expect(projector.page.getByTestId('join-bar')).toContainText(created.joinCode);

		for (const screen of SCREENS) {
			await projector.page.setViewportSize(screen);
			const where = `step ${index + 1} (${stepId}) at ${screen.width}×${screen.height}`;
			// The stage fits itself after a resize or new content; wait for it, then judge softly,
			// so that one run lists every step that does not fit.
			await expect
				.poll(() => overflowProblems(projector.page), { timeout: 10_000 })
				.toEqual([])
				.catch(() => {});
			expect.soft(await overflowProblems(projector.page), where).toEqual([]);
			await projector.page.screenshot({
				path: `${SHOTS}/${index + 1}-${stepId}-${screen.width}x${screen.height}.png`
			});
		}
		await projector.page.setViewportSize(SCREENS[0]!);
		if (index < titles.length - 1) await facilitator.page.getByTestId('next-step').click();
	}

	for (const raw of raws) for (const provider of raw.providers) provider.destroy();
	control.provider.destroy();
	moderation.provider.destroy();
	for (const session of [facilitator, projector, phone, laptop]) await session.context.close();
});
