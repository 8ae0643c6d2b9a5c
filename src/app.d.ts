// See https://svelte.dev/docs/kit/types#app.d.ts
import type { LangChoice } from '$lib/i18n/lang';
import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		/** Set by handleSession in hooks.server.ts; null when signed out. */
		interface Locals {
			/** Set by handleRequestLog: the id in this request's log line and its X-Request-Id. */
			requestId: string;
			user: SessionUser | null;
			session: Session | null;
			/** Set by handleApiToken when the request carries a valid API token (then `session` is null). */
			apiTokenId: string | null;
			/** Set by handleLang: the person's setting, a `?lang` choice or Accept-Language (see $lib/i18n/lang). */
			lang: LangChoice;
		}
		// interface Error {}
		// interface PageData {}
		// interface PageState {}
		/** adapter-node's request (absent under `vite dev`). */
		interface Platform {
			req?: import('node:http').IncomingMessage;
		}
	}
}

export {};
