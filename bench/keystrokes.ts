/** How the sync bench marks each keystroke in the text it types, so that its arrival can be found and timed. */
export const keystrokeMark = (id: number) => `‹${id}›`;

/** A keystroke's mark, its id captured; global, for matchAll. */
export const KEYSTROKE = /‹(\d+)›/g;

export const keystrokesIn = (text: string) => text.match(KEYSTROKE)?.length ?? 0;
