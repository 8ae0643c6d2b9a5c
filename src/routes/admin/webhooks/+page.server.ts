import { fail, type RequestEvent } from '@sveltejs/kit';
import { readFields } from '$lib/server/auth/form-fields';
import { formProblemText } from '$lib/i18n/form-messages';
import { requireUser } from '$lib/server/auth/guard';
import { refusalText } from '$lib/server/refusal-fail';
import { webhookProblemText } from '$lib/i18n/webhook-messages';
import { appContext, sql } from '$lib/server/context';
import { teamWork, webhookGuard } from '$lib/server/team-work';
import { createWebhook, enqueueTest, listDeliveries, listWebhooks, removeWebhook } from '$lib/server/webhooks/webhooks';
import { WEBHOOK_EVENTS } from '$lib/records/webhook-events';
import type { Actions, PageServerLoad } from './$types';

const LOG_ROWS = 20;

const noWebhook = (event: RequestEvent) => webhookProblemText(event.locals.lang.lang, { key: 'noWebhook' });

export const load: PageServerLoad = async (event) => {
	requireUser(event, 'admin');
	const webhooks = await listWebhooks(sql());
	return {
		events: [...WEBHOOK_EVENTS],
		webhooks: await Promise.all(
			webhooks.map(async (w) => ({
				...w,
				deliveries: (await listDeliveries(sql(), w.id, LOG_ROWS)).map(({ body: _body, ...d }) => d)
			}))
		)
	};
};

async function create(event: RequestEvent) {
	const me = requireUser(event, 'admin');
	const { fields, lists, problem } = await readFields(event.request, ['url', 'secret'], {
		// Room past the guard's own limit, so a long URL is refused in the admin's language, not as an oversized field.
		maxBytes: { url: 8192 },
		lists: ['events'],
		maxItems: WEBHOOK_EVENTS.length
	});
	const form = { action: 'create', url: fields.url, events: lists.events };
	if (problem) return fail(400, { form, message: formProblemText(event.locals.lang.lang, problem) });
	const outcome = await createWebhook(
		sql(),
		{ url: fields.url, events: lists.events, secret: fields.secret, createdById: me.id, clientAddress: event.getClientAddress() },
		webhookGuard(appContext().config)
	);
	if (!outcome.ok) return fail(outcome.status, { form, message: refusalText(outcome) });
	return { form: { action: 'create' }, created: { id: outcome.id, secret: outcome.secret } };
}

async function remove(event: RequestEvent) {
	const me = requireUser(event, 'admin');
	const { fields, problem } = await readFields(event.request, ['id']);
	if (problem) return fail(400, { form: { action: 'remove' }, message: formProblemText(event.locals.lang.lang, problem) });
	if (!(await removeWebhook(sql(), fields.id, me.id, event.getClientAddress()))) {
		return fail(404, { form: { action: 'remove' }, message: noWebhook(event) });
	}
	return { form: { action: 'remove' }, removed: true };
}

/** Queues a test delivery and makes its first attempt now, so the admin sees the answer; retries follow as for any delivery. */
async function test(event: RequestEvent) {
	requireUser(event, 'admin');
	const { fields, problem } = await readFields(event.request, ['id']);
	if (problem) return fail(400, { form: { action: 'test' }, message: formProblemText(event.locals.lang.lang, problem) });
	const worker = teamWork()?.webhooks;
	// Without a worker in this process the delivery waits in the queue for one.
	const delivery = worker ? await worker.sendTest(fields.id) : await enqueueTest(sql(), fields.id);
	if (delivery === null) return fail(404, { form: { action: 'test' }, message: noWebhook(event) });
	const [row] = await listDeliveries(sql(), fields.id, 1);
	return {
		form: { action: 'test', id: fields.id },
		tested: row.status === 'delivered' ? `HTTP ${row.lastStatus}` : (row.lastError ?? row.status)
	};
}

export const actions: Actions = { create, remove, test };
