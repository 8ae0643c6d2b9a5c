import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { forwardedRequest, mayReadMetrics } from '$lib/server/ops/metrics-access';
import { metrics, watchSqliteWal } from '$lib/server/ops/metrics';
import type { RequestHandler } from './$types';

/** Prometheus text format; see mayReadMetrics for who may scrape it. */
export const GET: RequestHandler = async ({ request, getClientAddress, platform }) => {
	const ctx = appContext();
	const allowed = mayReadMetrics({
		token: ctx.config.metricsToken,
		authorization: request.headers.get('authorization'),
		// The connection's own peer, not getClientAddress(): behind a proxy (ADDRESS_HEADER) that
		// names the forwarded client, and throws for a scrape made straight to this process's port.
		clientAddress: platform?.req?.socket.remoteAddress ?? getClientAddress(),
		forwarded: forwardedRequest(request.headers)
	});
	if (!allowed) error(ctx.config.metricsToken ? 401 : 403, 'Metrics need METRICS_TOKEN, or a direct request from this machine.');
	const m = metrics();
	m.sources.loadedDocuments ??= () => ctx.docs.loadedCount;
	if (ctx.sql.dialect === 'sqlite') watchSqliteWal(m, ctx.config.databasePath);
	return new Response(await m.registry.metrics(), {
		headers: { 'Content-Type': m.registry.contentType, 'Cache-Control': 'no-store' }
	});
};
