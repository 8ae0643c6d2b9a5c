/**
 * The words of notifications (the bell, its page, the e-mail digest, unsubscribing) and of
 * the webhooks admin page. Kept apart from the public pages' messages so each file stays
 * about one thing.
 */
import type { NotificationKind } from '../records/notification-kinds';
import type { Lang } from './lang';

type Describe = (actor: string, record: string) => string;

const en = {
	notifications: 'Notifications',
	unread: (n: number) => (n === 1 ? '1 unread notification' : `${n} unread notifications`),
	noNotifications:
		'Nothing to tell you yet. You are told here when someone mentions you, hands you a record, replies in your thread, or decides on a record you edited.',
	markRead: 'Mark read',
	markAllRead: 'Mark all read',
	someone: 'Someone',
	aRecord: 'a record',
	describe: {
		mentioned: (a, r) => `${a} mentioned you on ${r}`,
		assigned: (a, r) => `${a} assigned ${r} to you`,
		approved: (a, r) => `${a} approved ${r}`,
		changes_requested: (a, r) => `${a} asked for changes to ${r}`,
		rejected: (a, r) => `${a} rejected ${r}`,
		reply: (a, r) => `${a} replied in your thread on ${r}`
	} as Record<NotificationKind, Describe>,
	settings: 'What to tell me',
	settingsIntro: 'Choose, for each kind of event, whether it appears here and whether it is sent by e-mail (one digest every few minutes).',
	kinds: {
		mentioned: 'Someone mentions me in a comment',
		assigned: 'A record is assigned to me',
		approved: 'A record I edited or am assigned is approved',
		changes_requested: 'Changes are requested on a record I edited or am assigned',
		rejected: 'A record I edited or am assigned is rejected',
		reply: 'Someone replies in a thread I wrote in'
	} as Record<NotificationKind, string>,
	event: 'Event',
	inApp: 'In the workspace',
	email: 'By e-mail',
	emailOff: 'E-mail is not set up on this server (SMTP_URL), so nothing is sent by e-mail.',
	save: 'Save settings',
	saved: 'Settings saved.',
	digestSubject: (n: number) => (n === 1 ? 'Samla: 1 new notification' : `Samla: ${n} new notifications`),
	digestIntro: (name: string) => `Hello ${name}, this happened in Samla:`,
	digestSettings: 'Choose what you are told:',
	digestUnsubscribe: 'Stop all e-mail from Samla:',
	unsubscribed: 'You will get no more e-mail from Samla. You can turn e-mail back on in your notification settings.',
	unsubscribeInvalid:
		'This unsubscribe link is not valid any more (settings changed since it was sent). Sign in to change your notification settings.',
	mentionHint: 'Type @ and a name to call someone in.',
	people: 'People',
	webhooks: {
		title: 'Webhooks',
		intro:
			'Another system is told when something happens here: a signed JSON POST to its URL for each event it asks for (see docs/webhooks.md).',
		add: 'Add a webhook',
		url: 'URL',
		events: 'Events',
		secret: 'Signing secret (empty: one is made)',
		create: 'Add',
		created: 'Webhook added. Its signing secret is shown this once; keep it with the receiver:',
		none: 'No webhooks yet.',
		remove: 'Remove',
		removed: 'Webhook removed.',
		sendTest: 'Send test',
		testSent: (status: string) => `Test delivery: ${status}.`,
		log: 'Delivery log',
		noDeliveries: 'Nothing delivered yet.',
		when: 'Queued',
		event: 'Event',
		status: 'Status',
		attempts: 'Attempts',
		answer: 'Last answer',
		states: { pending: 'waiting', delivered: 'delivered', failed: 'given up' } as Record<'pending' | 'delivered' | 'failed', string>
	}
};

export type TeamMessages = typeof en;

const sv: TeamMessages = {
	notifications: 'Aviseringar',
	unread: (n) => (n === 1 ? '1 oläst avisering' : `${n} olästa aviseringar`),
	noNotifications:
		'Inget att berätta än. Här får du veta när någon nämner dig, ger dig en post, svarar i din tråd eller beslutar om en post du redigerat.',
	markRead: 'Markera som läst',
	markAllRead: 'Markera alla som lästa',
	someone: 'Någon',
	aRecord: 'en post',
	describe: {
		mentioned: (a, r) => `${a} nämnde dig i ${r}`,
		assigned: (a, r) => `${a} tilldelade dig ${r}`,
		approved: (a, r) => `${a} godkände ${r}`,
		changes_requested: (a, r) => `${a} begärde ändringar i ${r}`,
		rejected: (a, r) => `${a} avvisade ${r}`,
		reply: (a, r) => `${a} svarade i din tråd i ${r}`
	},
	settings: 'Vad jag vill veta',
	settingsIntro:
		'Välj för varje slags händelse om den visas här och om den skickas med e-post (en sammanfattning med några minuters mellanrum).',
	kinds: {
		mentioned: 'Någon nämner mig i en kommentar',
		assigned: 'En post tilldelas mig',
		approved: 'En post jag redigerat eller har tilldelats godkänns',
		changes_requested: 'Ändringar begärs i en post jag redigerat eller har tilldelats',
		rejected: 'En post jag redigerat eller har tilldelats avvisas',
		reply: 'Någon svarar i en tråd jag skrivit i'
	},
	event: 'Händelse',
	inApp: 'I arbetsytan',
	email: 'Med e-post',
	emailOff: 'E-post är inte inställd på den här servern (SMTP_URL), så inget skickas med e-post.',
	save: 'Spara inställningar',
	saved: 'Inställningarna är sparade.',
	digestSubject: (n) => (n === 1 ? 'Samla: 1 ny avisering' : `Samla: ${n} nya aviseringar`),
	digestIntro: (name) => `Hej ${name}, det här hände i Samla:`,
	digestSettings: 'Välj vad du får veta:',
	digestUnsubscribe: 'Stoppa all e-post från Samla:',
	unsubscribed: 'Du får ingen mer e-post från Samla. Du kan slå på e-post igen i dina aviseringsinställningar.',
	unsubscribeInvalid:
		'Den här avregistreringslänken gäller inte längre (inställningarna har ändrats sedan den skickades). Logga in för att ändra dina aviseringsinställningar.',
	mentionHint: 'Skriv @ och ett namn för att kalla in någon.',
	people: 'Personer',
	webhooks: {
		title: 'Webhooks',
		intro:
			'Ett annat system får veta när något händer här: en signerad JSON-POST till dess URL för varje händelse det ber om (se docs/webhooks.md).',
		add: 'Lägg till en webhook',
		url: 'URL',
		events: 'Händelser',
		secret: 'Signeringshemlighet (tom: en skapas)',
		create: 'Lägg till',
		created: 'Webhooken är tillagd. Signeringshemligheten visas bara nu; spara den hos mottagaren:',
		none: 'Inga webhooks än.',
		remove: 'Ta bort',
		removed: 'Webhooken är borttagen.',
		sendTest: 'Skicka test',
		testSent: (status) => `Testleverans: ${status}.`,
		log: 'Leveranslogg',
		noDeliveries: 'Inget levererat än.',
		when: 'Köad',
		event: 'Händelse',
		status: 'Status',
		attempts: 'Försök',
		answer: 'Senaste svar',
		states: { pending: 'väntar', delivered: 'levererad', failed: 'uppgiven' }
	}
};

const no: TeamMessages = {
	notifications: 'Varsler',
	unread: (n) => (n === 1 ? '1 ulest varsel' : `${n} uleste varsler`),
	noNotifications:
		'Ingenting å fortelle ennå. Her får du vite når noen nevner deg, gir deg en post, svarer i tråden din eller tar en avgjørelse om en post du har redigert.',
	markRead: 'Merk som lest',
	markAllRead: 'Merk alle som lest',
	someone: 'Noen',
	aRecord: 'en post',
	describe: {
		mentioned: (a, r) => `${a} nevnte deg i ${r}`,
		assigned: (a, r) => `${a} tildelte deg ${r}`,
		approved: (a, r) => `${a} godkjente ${r}`,
		changes_requested: (a, r) => `${a} ba om endringer i ${r}`,
		rejected: (a, r) => `${a} avviste ${r}`,
		reply: (a, r) => `${a} svarte i tråden din i ${r}`
	},
	settings: 'Hva jeg vil vite',
	settingsIntro: 'Velg for hver type hendelse om den vises her, og om den sendes på e-post (ett sammendrag med noen minutters mellomrom).',
	kinds: {
		mentioned: 'Noen nevner meg i en kommentar',
		assigned: 'En post blir tildelt meg',
		approved: 'En post jeg har redigert eller er tildelt, blir godkjent',
		changes_requested: 'Det bes om endringer i en post jeg har redigert eller er tildelt',
		rejected: 'En post jeg har redigert eller er tildelt, blir avvist',
		reply: 'Noen svarer i en tråd jeg har skrevet i'
	},
	event: 'Hendelse',
	inApp: 'I arbeidsområdet',
	email: 'På e-post',
	emailOff: 'E-post er ikke satt opp på denne serveren (SMTP_URL), så ingenting sendes på e-post.',
	save: 'Lagre innstillinger',
	saved: 'Innstillingene er lagret.',
	digestSubject: (n) => (n === 1 ? 'Samla: 1 nytt varsel' : `Samla: ${n} nye varsler`),
	digestIntro: (name) => `Hei ${name}, dette skjedde i Samla:`,
	digestSettings: 'Velg hva du får vite:',
	digestUnsubscribe: 'Stopp all e-post fra Samla:',
	unsubscribed: 'Du får ikke mer e-post fra Samla. Du kan slå på e-post igjen i varselinnstillingene dine.',
	unsubscribeInvalid:
		'Denne avmeldingslenken gjelder ikke lenger (innstillingene er endret siden den ble sendt). Logg inn for å endre varselinnstillingene dine.',
	mentionHint: 'Skriv @ og et navn for å kalle inn noen.',
	people: 'Personer',
	webhooks: {
		title: 'Webhooks',
		intro:
			'Et annet system får vite når noe skjer her: en signert JSON-POST til URL-en for hver hendelse det ber om (se docs/webhooks.md).',
		add: 'Legg til en webhook',
		url: 'URL',
		events: 'Hendelser',
		secret: 'Signeringshemmelighet (tom: en lages)',
		create: 'Legg til',
		created: 'Webhooken er lagt til. Signeringshemmeligheten vises bare nå; ta vare på den hos mottakeren:',
		none: 'Ingen webhooks ennå.',
		remove: 'Fjern',
		removed: 'Webhooken er fjernet.',
		sendTest: 'Send test',
		testSent: (status) => `Testlevering: ${status}.`,
		log: 'Leveranselogg',
		noDeliveries: 'Ingenting levert ennå.',
		when: 'Lagt i kø',
		event: 'Hendelse',
		status: 'Status',
		attempts: 'Forsøk',
		answer: 'Siste svar',
		states: { pending: 'venter', delivered: 'levert', failed: 'gitt opp' }
	}
};

const da: TeamMessages = {
	notifications: 'Notifikationer',
	unread: (n) => (n === 1 ? '1 ulæst notifikation' : `${n} ulæste notifikationer`),
	noNotifications:
		'Intet at fortælle endnu. Her får du besked, når nogen nævner dig, giver dig en post, svarer i din tråd eller træffer en beslutning om en post, du har redigeret.',
	markRead: 'Markér som læst',
	markAllRead: 'Markér alle som læst',
	someone: 'Nogen',
	aRecord: 'en post',
	describe: {
		mentioned: (a, r) => `${a} nævnte dig i ${r}`,
		assigned: (a, r) => `${a} tildelte dig ${r}`,
		approved: (a, r) => `${a} godkendte ${r}`,
		changes_requested: (a, r) => `${a} bad om ændringer i ${r}`,
		rejected: (a, r) => `${a} afviste ${r}`,
		reply: (a, r) => `${a} svarede i din tråd i ${r}`
	},
	settings: 'Hvad jeg vil have besked om',
	settingsIntro: 'Vælg for hver slags hændelse, om den vises her, og om den sendes på e-mail (ét sammendrag med få minutters mellemrum).',
	kinds: {
		mentioned: 'Nogen nævner mig i en kommentar',
		assigned: 'En post bliver tildelt mig',
		approved: 'En post, jeg har redigeret eller er tildelt, bliver godkendt',
		changes_requested: 'Der bedes om ændringer i en post, jeg har redigeret eller er tildelt',
		rejected: 'En post, jeg har redigeret eller er tildelt, bliver afvist',
		reply: 'Nogen svarer i en tråd, jeg har skrevet i'
	},
	event: 'Hændelse',
	inApp: 'I arbejdsområdet',
	email: 'På e-mail',
	emailOff: 'E-mail er ikke sat op på denne server (SMTP_URL), så intet sendes på e-mail.',
	save: 'Gem indstillinger',
	saved: 'Indstillingerne er gemt.',
	digestSubject: (n) => (n === 1 ? 'Samla: 1 ny notifikation' : `Samla: ${n} nye notifikationer`),
	digestIntro: (name) => `Hej ${name}, dette skete i Samla:`,
	digestSettings: 'Vælg, hvad du får besked om:',
	digestUnsubscribe: 'Stop al e-mail fra Samla:',
	unsubscribed: 'Du får ikke flere e-mails fra Samla. Du kan slå e-mail til igen i dine notifikationsindstillinger.',
	unsubscribeInvalid:
		'Dette afmeldingslink er ikke længere gyldigt (indstillingerne er ændret, siden det blev sendt). Log ind for at ændre dine notifikationsindstillinger.',
	mentionHint: 'Skriv @ og et navn for at kalde nogen ind.',
	people: 'Personer',
	webhooks: {
		title: 'Webhooks',
		intro:
			'Et andet system får besked, når noget sker her: en signeret JSON-POST til dets URL for hver hændelse, det beder om (se docs/webhooks.md).',
		add: 'Tilføj en webhook',
		url: 'URL',
		events: 'Hændelser',
		secret: 'Signeringshemmelighed (tom: en bliver lavet)',
		create: 'Tilføj',
		created: 'Webhooken er tilføjet. Signeringshemmeligheden vises kun denne ene gang; gem den hos modtageren:',
		none: 'Ingen webhooks endnu.',
		remove: 'Fjern',
		removed: 'Webhooken er fjernet.',
		sendTest: 'Send test',
		testSent: (status) => `Testlevering: ${status}.`,
		log: 'Leveringslog',
		noDeliveries: 'Intet leveret endnu.',
		when: 'Sat i kø',
		event: 'Hændelse',
		status: 'Status',
		attempts: 'Forsøg',
		answer: 'Seneste svar',
		states: { pending: 'venter', delivered: 'leveret', failed: 'opgivet' }
	}
};

export const TEAM_MESSAGES: Record<Lang, TeamMessages> = { en, sv, no, da };
