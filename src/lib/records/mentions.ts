/**
 * `@name` in a comment. People are called in by their display name as it stands, spaces
 * and all ("@Ana María López"), so a comment reads naturally; the longest name that the
 * text after an @ starts with wins, so "@Ana María" is not taken for "@Ana". Pure: the
 * comment box's autocomplete and the server's resolution share it.
 */
export interface Person {
	id: string;
	name: string;
}

const NAME_CHAR = /[\p{L}\p{N}_-]/u;

/** The ids of the people a text mentions, each once, in the order first mentioned. */
export function resolveMentions(text: string, people: readonly Person[]): string[] {
	const byLength = [...people].sort((a, b) => b.name.length - a.name.length);
	const found: string[] = [];
	for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
		// An @ inside a word is an e-mail address, not a mention.
		if (at > 0 && NAME_CHAR.test(text[at - 1])) continue;
		const rest = text.slice(at + 1).toLocaleLowerCase();
		const person = byLength.find((p) => {
			const name = p.name.toLocaleLowerCase();
			return name && rest.startsWith(name) && !NAME_CHAR.test(rest.charAt(name.length));
		});
		if (person && !found.includes(person.id)) found.push(person.id);
	}
	return found;
}

/** The `@partial` being typed just before the caret, if any: what the autocomplete completes. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
	const before = text.slice(0, caret);
	const at = before.lastIndexOf('@');
	if (at === -1 || (at > 0 && NAME_CHAR.test(before[at - 1]))) return null;
	const query = before.slice(at + 1);
	// A name has at most a few words; a line break or a long run means the @ was left behind.
	if (query.includes('\n') || query.length > 40 || query.split(' ').length > 4) return null;
	return { start: at, query };
}

/** People whose name has a word starting with the query, best first. */
export function matchPeople(query: string, people: readonly Person[], limit = 6): Person[] {
	const q = query.trim().toLocaleLowerCase();
	return people
		.filter((p) => {
			const name = p.name.toLocaleLowerCase();
			return !q || name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q));
		})
		.sort((a, b) => Number(!a.name.toLocaleLowerCase().startsWith(q)) - Number(!b.name.toLocaleLowerCase().startsWith(q)))
		.slice(0, limit);
}
