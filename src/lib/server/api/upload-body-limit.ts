/**
 * adapter-node's BODY_SIZE_LIMIT, raised for uploads before its handler is first imported
 * (server/start.ts). Apart from request-guards.ts, which holds the limit to other paths,
 * because this runs in `samla start`'s own modules, beside the build: it must not import
 * @sveltejs/kit, a dev dependency that `npm ci --omit=dev` leaves out (the build carries
 * its own copy of what it uses).
 */
import type { Config } from '../config';

/**
 * Raises BODY_SIZE_LIMIT for uploads (a few documents of the largest size and the multipart
 * framing around them), unless the operator set one; what it was before is kept in
 * SAMLA_FORM_BODY_LIMIT for handleBodyLimit.
 */
export function raiseBodyLimitForUploads(cfg: Pick<Config, 'maxDocumentBytes'>, env: NodeJS.ProcessEnv = process.env): void {
	env.SAMLA_FORM_BODY_LIMIT ??= env.BODY_SIZE_LIMIT ?? '512K';
	if (env.BODY_SIZE_LIMIT === undefined) env.BODY_SIZE_LIMIT = String(cfg.maxDocumentBytes * 4 + 1024 * 1024);
}
