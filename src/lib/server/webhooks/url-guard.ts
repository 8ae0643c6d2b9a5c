/**
 * Which URLs a webhook may call (docs/webhooks.md). A webhook makes the server send
 * requests where an admin says, so it could be pointed at what only the server can reach:
 * itself, the cloud metadata address, a database port on the private network. Refused:
 * anything but http(s), credentials in the URL, this server's own origin and port, and —
 * unless WEBHOOK_ALLOW_PRIVATE=1 — every loopback, link-local, private, shared, multicast
 * or unspecified address. The check runs on the addresses the name resolves to, when the
 * webhook is saved and again at every delivery (deliver.ts connects only to an address
 * that passed), so a name that later resolves somewhere private is caught too.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { webhookProblemText, type WebhookProblem } from '../../i18n/webhook-messages';

const PRIVATE = new BlockList();
for (const [net, bits] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['224.0.0.0', 4],
	['240.0.0.0', 4]
] as const) {
	PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
	['::', 128],
	['::1', 128],
	['fc00::', 7],
	['fe80::', 10],
	['ff00::', 8]
] as const) {
	PRIVATE.addSubnet(net, bits, 'ipv6');
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addSubnet('0.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addAddress('::', 'ipv6');

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 one. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return { address: mapped[1], family: 'ipv4' };
	return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

export function isPrivateAddress(address: string): boolean {
	const a = normalise(address);
	return PRIVATE.check(a.address, a.family);
}

export interface GuardOptions {
	allowPrivate: boolean;
	/** The port this server listens on, and its public origin if it has one. */
	ownPort: number;
	ownOrigin: string | null;
}

/** A refused URL says why as data (`problem`, for the admin page) and in English (`message`, for the CLI and a delivery's log). */
export type UrlVerdict = { ok: true; url: URL } | { ok: false; problem: WebhookProblem; message: string };

const refused = (problem: WebhookProblem): UrlVerdict => ({ ok: false, problem, message: webhookProblemText('en', problem) });

const MAX_URL_LENGTH = 2000;

const defaultPort = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

/** Checks one resolved address; the delivery's connection calls this too. */
export function checkAddress(address: string, port: number, options: GuardOptions): WebhookProblem | null {
	const a = normalise(address);
	if (LOOPBACK.check(a.address, a.family) && port === options.ownPort) return { key: 'urlSelf' };
	if (!options.allowPrivate && isPrivateAddress(address)) return { key: 'urlPrivate', address };
	return null;
}

/** The shape of the URL alone, before any name is looked up. */
export function parseWebhookUrl(raw: string, options: GuardOptions): UrlVerdict {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return refused({ key: 'urlInvalid' });
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return refused({ key: 'urlScheme' });
	if (url.username || url.password) return refused({ key: 'urlCredentials' });
	if (raw.length > MAX_URL_LENGTH) return refused({ key: 'urlTooLong', max: MAX_URL_LENGTH });
	if (options.ownOrigin && url.origin === options.ownOrigin) return refused({ key: 'urlSelf' });
	return { ok: true, url };
}

/** The whole check: the URL's shape, then every address its host resolves to. */
export async function checkWebhookUrl(raw: string, options: GuardOptions): Promise<UrlVerdict> {
	const parsed = parseWebhookUrl(raw, options);
	if (!parsed.ok) return parsed;
	const host = parsed.url.hostname.replace(/^\[|\]$/g, '');
	let addresses: { address: string }[];
	try {
		addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
	} catch {
		return refused({ key: 'hostNotFound', host });
	}
	for (const { address } of addresses) {
		const problem = checkAddress(address, defaultPort(parsed.url), options);
		if (problem) return refused(problem);
	}
	return parsed;
}

export { defaultPort };
