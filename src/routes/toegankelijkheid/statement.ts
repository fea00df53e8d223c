// The accessibility statement (toegankelijkheidsverklaring), in the structure of the European
// model statement that the Flemish government asks its bodies and local governments to use:
// commitment and legal basis, compliance status, content that is not accessible (and why, and
// the alternative), how the statement was drawn up, feedback, and the enforcement procedure.
// It is content, like a workshop file: one version per language, kept in step.
export type Section = { title: string; paragraphs?: string[]; items?: string[] };
export type Statement = { title: string; intro: string[]; sections: Section[] };

const DATE = '1 december 2026';

export const STATEMENT: Record<'nl' | 'en' | 'fr', Statement> = {
	nl: {
		title: 'Toegankelijkheidsverklaring',
		intro: [
			'Iedereen moet kunnen meedoen aan een workshop: ook wie slecht ziet, niet met een muis werkt, een schermlezer gebruikt of moeite heeft met lezen. Het bestuur dat deze Visiewerkplaats aanbiedt, wil ze toegankelijk maken volgens het Bestuursdecreet van 7 december 2018, dat de Europese Richtlijn 2016/2102 omzet.',
			'Deze verklaring geldt voor de Visiewerkplaats: de startpagina, de pagina om mee te doen, het scherm van de deelnemers (gsm of laptop), het scherm voor de projectie, het paneel van de begeleider en het rapport.'
		],
		sections: [
			{
				title: 'Nalevingsstatus',
				paragraphs: [
					'Deze toepassing voldoet gedeeltelijk aan de Web Content Accessibility Guidelines (WCAG) 2.1 niveau AA. We mikken op WCAG 2.2 niveau AA. Hieronder staat wat nog niet voldoet.'
				]
			},
			{
				title: 'Niet-toegankelijke inhoud',
				paragraphs: ['Deze onderdelen voldoen (nog) niet:'],
				items: [
					'Het paneel van de begeleider: bij het verslepen en samenvoegen van kaartjes gaat de focus soms verloren (WCAG 2.4.3). Alles kan ook met knoppen, zonder slepen.',
					'Na sommige acties in een stap (een voorbeeld toevoegen, de laatste stip geven) komt de focus nog niet altijd op een logische plaats (WCAG 2.4.3).',
					'Het projectiescherm is gemaakt om van ver te lezen en is niet getest bij 320 pixels breed; deelnemers zien dezelfde inhoud op hun eigen toestel.',
					'Het rapport als pdf heeft geen volledige structuur voor schermlezers (WCAG 1.3.1). Het rapport bestaat ook als webpagina en als Word-bestand: die zijn wel toegankelijk.',
					'Woorden uit het kader voor zorgzame buurten blijven soms moeilijk. Bij de meeste woorden kan je tikken voor een korte uitleg.'
				]
			},
			{
				title: 'Opstelling van deze verklaring',
				paragraphs: [
					`Deze verklaring is opgesteld op ${DATE}, na een eigen beoordeling door het ontwikkelteam.`,
					'Zo hebben we getest: automatisch met axe-core op elk soort stap en elke toestand, bij de breedte van een gsm (390 pixels), een laptop (1366 pixels) en een projectiescherm (1920 pixels); met alleen het toetsenbord, voor deelnemers en begeleiders; bij 320 pixels breed en met tekst op 200 %, zonder zijwaarts scrollen; met de toegankelijkheidsboom van de browser (namen, rollen, meldingen); in de modus met geforceerde kleuren (hoog contrast van Windows); en op een trage verbinding (400 kbps, 400 ms vertraging).',
					'De tests lopen automatisch bij elke wijziging van de software. Deze verklaring wordt minstens één keer per jaar herzien.'
				]
			},
			{
				title: 'Feedback en contactgegevens',
				paragraphs: [
					'Loop je tegen een probleem aan? Of wil je de inhoud in een andere vorm? Laat het ons weten. We antwoorden binnen 5 werkdagen.'
				]
			},
			{
				title: 'Handhavingsprocedure',
				paragraphs: [
					'Ben je niet tevreden met ons antwoord? Dan kan je een klacht indienen bij de Vlaamse Ombudsdienst: www.vlaamseombudsdienst.be, gratis telefoonnummer 1700.'
				]
			}
		]
	},
	en: {
		title: 'Accessibility statement',
		intro: [
			'Everyone should be able to take part in a workshop: also people who see poorly, do not use a mouse, use a screen reader or find reading hard. The body that offers this Visiewerkplaats is committed to making it accessible, in accordance with the Flemish Governance Decree of 7 December 2018, which transposes European Directive 2016/2102.',
			'This statement applies to the Visiewerkplaats: the start page, the join page, the participant screen (phone or laptop), the projector screen, the facilitator console and the report.'
		],
		sections: [
			{
				title: 'Compliance status',
				paragraphs: [
					'This application is partially compliant with the Web Content Accessibility Guidelines (WCAG) 2.1 level AA. We aim for WCAG 2.2 level AA. What does not comply yet is listed below.'
				]
			},
			{
				title: 'Non-accessible content',
				paragraphs: ['These parts do not comply (yet):'],
				items: [
					'The facilitator console: when cards are dragged and merged, focus is sometimes lost (WCAG 2.4.3). Everything can also be done with buttons, without dragging.',
					'After some actions in a step (adding an example, giving the last dot) focus does not always land in a logical place yet (WCAG 2.4.3).',
					'The projector screen is made to be read from afar and was not tested at 320 pixels wide; participants see the same content on their own device.',
					'The PDF report does not have a full structure for screen readers (WCAG 1.3.1). The report also exists as a web page and as a Word file, which are accessible.',
					'Words from the framework for caring neighbourhoods can still be hard. For most of them you can tap for a short explanation.'
				]
			},
			{
				title: 'Preparation of this statement',
				paragraphs: [
					'This statement was prepared on 1 December 2026, based on a self-assessment by the development team.',
					'How we tested: automatically with axe-core on every kind of step and every state, at the width of a phone (390 pixels), a laptop (1366 pixels) and a projector (1920 pixels); with the keyboard only, for participants and facilitators; at 320 pixels wide and with text at 200 %, without sideways scrolling; with the browser’s accessibility tree (names, roles, announcements); in forced colours mode (Windows high contrast); and on a slow connection (400 kbps, 400 ms latency).',
					'The tests run automatically with every change to the software. This statement is reviewed at least once a year.'
				]
			},
			{
				title: 'Feedback and contact information',
				paragraphs: [
					'Did you run into a problem? Or do you need the content in another form? Let us know. We reply within 5 working days.'
				]
			},
			{
				title: 'Enforcement procedure',
				paragraphs: [
					'Not satisfied with our answer? You can file a complaint with the Flemish Ombudsman (Vlaamse Ombudsdienst): www.vlaamseombudsdienst.be, free phone number 1700.'
				]
			}
		]
	},
	fr: {
		title: 'Déclaration d’accessibilité',
		intro: [
			'Tout le monde doit pouvoir participer à un atelier : aussi les personnes qui voient mal, n’utilisent pas de souris, utilisent un lecteur d’écran ou ont du mal à lire. L’administration qui propose cette Visiewerkplaats s’engage à la rendre accessible, conformément au décret flamand sur l’administration du 7 décembre 2018, qui transpose la directive européenne 2016/2102.',
			'Cette déclaration s’applique à la Visiewerkplaats : page d’accueil, page pour participer, écran des participants (smartphone ou ordinateur), écran de projection, console de l’animateur et rapport.'
		],
		sections: [
			{
				title: 'État de conformité',
				paragraphs: [
					'Cette application est partiellement conforme aux Web Content Accessibility Guidelines (WCAG) 2.1 niveau AA. Nous visons les WCAG 2.2 niveau AA. Ce qui n’est pas encore conforme figure ci-dessous.'
				]
			},
			{
				title: 'Contenu non accessible',
				paragraphs: ['Ces parties ne sont pas (encore) conformes :'],
				items: [
					'La console de l’animateur : en glissant et en fusionnant des fiches, le focus se perd parfois (WCAG 2.4.3). Tout peut aussi se faire avec des boutons, sans glisser.',
					'Après certaines actions dans une étape (ajouter un exemple, donner la dernière gommette), le focus n’arrive pas toujours à un endroit logique (WCAG 2.4.3).',
					'L’écran de projection est fait pour être lu de loin et n’a pas été testé à 320 pixels de large ; les participants voient le même contenu sur leur appareil.',
					'Le rapport en PDF n’a pas de structure complète pour les lecteurs d’écran (WCAG 1.3.1). Le rapport existe aussi en page web et en fichier Word, qui sont accessibles.',
					'Certains mots du cadre des quartiers solidaires restent difficiles. Pour la plupart, vous pouvez toucher le mot pour une courte explication.'
				]
			},
			{
				title: 'Établissement de cette déclaration',
				paragraphs: [
					'Cette déclaration a été établie le 1er décembre 2026, sur la base d’une auto-évaluation par l’équipe de développement.',
					'Nos tests : automatiques avec axe-core sur chaque type d’étape et chaque état, à la largeur d’un smartphone (390 pixels), d’un ordinateur portable (1366 pixels) et d’un projecteur (1920 pixels) ; au clavier seul, pour les participants et les animateurs ; à 320 pixels de large et avec un texte à 200 %, sans défilement horizontal ; avec l’arbre d’accessibilité du navigateur ; en mode couleurs forcées (contraste élevé de Windows) ; et sur une connexion lente (400 kbps, 400 ms de latence).',
					'Les tests tournent automatiquement à chaque modification du logiciel. Cette déclaration est revue au moins une fois par an.'
				]
			},
			{
				title: 'Retour d’information et coordonnées',
				paragraphs: [
					'Vous rencontrez un problème ? Vous avez besoin du contenu sous une autre forme ? Faites-le-nous savoir. Nous répondons dans les 5 jours ouvrables.'
				]
			},
			{
				title: 'Procédure de mise en œuvre',
				paragraphs: [
					'Vous n’êtes pas satisfait de notre réponse ? Vous pouvez porter plainte auprès du Vlaamse Ombudsdienst (médiateur flamand) : www.vlaamseombudsdienst.be, numéro gratuit 1700.'
				]
			}
		]
	}
};
