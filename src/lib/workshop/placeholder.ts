// A stand-in for the workshop files that the workshop engine will load from workshops/.
// It follows the ten steps of the default workshop (source: seed 004, "Visievorming zorgzame
// buurten") so the flow can be walked end to end today.
import type { StepType, Workshop, WorkshopStep } from './types';

function step(
	id: string,
	type: StepType,
	minutes: number,
	nl: string,
	en: string,
	promptNl: string,
	promptEn: string
): WorkshopStep {
	return { id, type, minutes, title: { nl, en }, prompt: { nl: promptNl, en: promptEn } };
}

export const PLACEHOLDER_WORKSHOP: Workshop = {
	id: 'visievorming-zorgzame-buurten',
	title: { nl: 'Visievorming zorgzame buurten', en: 'Vision building for caring neighbourhoods' },
	description: {
		nl: 'Samen een visie op een zorgzame buurt uitwerken: kennismaking, denkoefening, de acht bouwstenen en een actieplan.',
		en: 'Build a shared vision of a caring neighbourhood: introductions, a thought exercise, the eight building blocks and an action plan.'
	},
	minutes: 120,
	locales: ['nl', 'en'],
	steps: [
		step(
			'kennismaking',
			'round',
			15,
			'Kennismaking',
			'Introductions',
			'Wie ben je en vanuit welke rol of organisatie ben je hier?',
			'Who are you, and in which role or organisation are you here?'
		),
		step(
			'verwachtingen',
			'round',
			5,
			'Verwachtingen',
			'Expectations',
			'Waarom schreef je je in? Wat wil je vandaag bereiken?',
			'Why did you sign up? What do you want to achieve today?'
		),
		step(
			'ondersteuningspakket',
			'info',
			5,
			'Het ondersteuningspakket',
			'The support package',
			'Wat het ondersteuningspakket de gemeente biedt.',
			'What the support package offers the municipality.'
		),
		step(
			'denkoefening',
			'brainstorm',
			15,
			'Denkoefening',
			'Thought exercise',
			'Wat is voor jou een zorgzame buurt?',
			'What is a caring neighbourhood to you?'
		),
		step(
			'definitie',
			'info',
			5,
			'Wat is een zorgzame buurt?',
			'What is a caring neighbourhood?',
			'De definitie van de Vlaamse overheid, naast onze eigen woorden.',
			'The Flemish government definition, next to our own words.'
		),
		step(
			'actoren',
			'brainstorm',
			10,
			'Wie kan eraan werken?',
			'Who can work on it?',
			'Welke burgers, organisaties en diensten van het lokaal bestuur werken mee?',
			'Which citizens, organisations and local government services take part?'
		),
		step(
			'voorbereiding',
			'checklist',
			5,
			'Voorbereidende stap',
			'Preparatory step',
			'Staan de voorwaarden klaar om aan een visie te werken?',
			'Are the conditions in place to work on a vision?'
		),
		step(
			'referentiekader',
			'assessment',
			25,
			'Referentiekader',
			'Reference framework',
			'Op welke bouwstenen werken we al?',
			'Which building blocks do we already work on?'
		),
		step(
			'aan-de-slag',
			'actions',
			25,
			'Aan de slag',
			'Getting started',
			'Waar willen we naartoe, en wat is de eerste stap?',
			'Where do we want to go, and what is the first step?'
		),
		step(
			'afsluiting',
			'info',
			5,
			'Tips en afsluiting',
			'Tips and closing',
			'Volgende stappen en het visierapport.',
			'Next steps and the vision report.'
		)
	]
};
