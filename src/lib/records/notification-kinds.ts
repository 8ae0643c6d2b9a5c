/** What a person can be told about, and how; pure so the settings page can show it. */
export const NOTIFICATION_KINDS = ['mentioned', 'assigned', 'approved', 'changes_requested', 'rejected', 'reply'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHANNELS = ['inApp', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export type NotificationPrefs = Record<NotificationKind, Record<Channel, boolean>>;

/** In the workspace: everything. By e-mail: being called in or handed a record, and decisions. */
export const DEFAULT_PREFS: NotificationPrefs = {
	mentioned: { inApp: true, email: true },
	assigned: { inApp: true, email: true },
	approved: { inApp: true, email: false },
	changes_requested: { inApp: true, email: true },
	rejected: { inApp: true, email: true },
	reply: { inApp: true, email: false }
};

export function isNotificationKind(v: unknown): v is NotificationKind {
	return typeof v === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(v);
}

/** Stored choices over the defaults, so a kind added later starts at its default. */
export function withDefaults(stored: Partial<NotificationPrefs> | null | undefined): NotificationPrefs {
	const out = structuredClone(DEFAULT_PREFS);
	for (const kind of NOTIFICATION_KINDS) {
		const s = stored?.[kind];
		if (s) out[kind] = { inApp: s.inApp !== false, email: s.email === true };
	}
	return out;
}
