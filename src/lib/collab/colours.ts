/** Each person's colour in presence rings and avatars: stable per user, distinct for a handful of people. */
const PALETTE = ['#0f766e', '#b45309', '#7c3aed', '#be123c', '#1d4ed8', '#4d7c0f', '#c2410c', '#0e7490', '#a21caf', '#374151'];

export function colourFor(userId: string): string {
	let h = 0;
	for (let i = 0; i < userId.length; i++) h = (Math.imul(h, 31) + userId.charCodeAt(i)) | 0;
	return PALETTE[Math.abs(h) % PALETTE.length];
}
