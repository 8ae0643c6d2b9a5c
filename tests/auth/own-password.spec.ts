/**
 * Changing one's own password on My account, over HTTP against the real server: the current
 * password is asked again, a wrong one is refused and throttled like a sign-in, a refused new
 * one is answered in the person's language, and a change ends every other session while the
 * person stays signed in.
 */
import { expect, it } from 'vitest';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { createTestUser, TEST_PASSWORD } from '../helpers/users';
import { Client, PLAIN_HTTP_ENV } from './http-client';

const notice = async (res: Response) => /<p role="(?:alert|status)"[^>]*>\s*([^<]*?)\s*<\/p>/.exec(await res.text())?.[1];

describeServerEachDialect('My account: password', { env: PLAIN_HTTP_ENV }, (app) => {
	async function signedIn(email: string, password: string, headers: Record<string, string> = {}): Promise<Client> {
		const c = new Client(app().server.url, headers);
		expect((await c.signIn(email, password)).status).toBe(303);
		return c;
	}

	it('asks for the current password, checks the new one twice, and keeps this session while ending the others', async () => {
		const user = await createTestUser(app().sql, { role: 'viewer' });
		const here = await signedIn(user.email, TEST_PASSWORD);
		const elsewhere = await signedIn(user.email, TEST_PASSWORD);
		const change = (fields: Record<string, string>) => here.post('/workspace/account?/changePassword', fields);

		const wrong = await change({ current: 'not my password', password: 'a brand new phrase', repeat: 'a brand new phrase' });
		expect(wrong.status).toBe(400);
		expect(await notice(wrong)).toBe('The current password is wrong.');
		const differ = await change({ current: TEST_PASSWORD, password: 'a brand new phrase', repeat: 'a brand new phrass' });
		expect(differ.status).toBe(400);
		expect(await notice(differ)).toBe('The two new passwords differ; type them again.');
		const common = await change({ current: TEST_PASSWORD, password: 'password123', repeat: 'password123' });
		expect(common.status).toBe(400);
		expect(await notice(common)).toBe('That password is one of the most common ones; choose another.');
		// Nothing refused changed anything: both sessions live, the old password works.
		expect((await elsewhere.get('/workspace')).status).toBe(200);

		const done = await change({ current: TEST_PASSWORD, password: 'a brand new phrase', repeat: 'a brand new phrase' });
		expect(done.status).toBe(200);
		expect(await notice(done)).toBe('Password changed. Every other session has ended.');
		expect((await here.get('/workspace')).status).toBe(200);
		expect((await elsewhere.get('/workspace')).status).toBe(303);
		expect((await new Client(app().server.url).signIn(user.email, TEST_PASSWORD)).status).toBe(400);
		await signedIn(user.email, 'a brand new phrase');
	});

	it('answers in the person’s language', async () => {
		const user = await createTestUser(app().sql, { role: 'editor' });
		const sv = await signedIn(user.email, TEST_PASSWORD, { 'accept-language': 'sv-SE,sv;q=0.9' });
		const short = await sv.post('/workspace/account?/changePassword', { current: TEST_PASSWORD, password: 'kort', repeat: 'kort' });
		expect(await notice(short)).toBe('Lösenordet måste vara minst 10 tecken långt.');
		const wrong = await sv.post('/workspace/account?/changePassword', {
			current: 'fel lösenord',
			password: 'ett långt nytt lösenord',
			repeat: 'ett långt nytt lösenord'
		});
		expect(await notice(wrong)).toBe('Det nuvarande lösenordet är fel.');
	});

	it('throttles guessing the current password like sign-ins', async () => {
		const user = await createTestUser(app().sql, { role: 'viewer' });
		const c = await signedIn(user.email, TEST_PASSWORD);
		const statuses: number[] = [];
		for (let i = 0; i < 12; i++) {
			const res = await c.post('/workspace/account?/changePassword', {
				current: `guess ${i}`,
				password: 'a brand new phrase',
				repeat: 'a brand new phrase'
			});
			statuses.push(res.status);
			if (res.status === 429) break;
		}
		expect(statuses).toContain(429);
		// Even the right password is refused while throttled.
		const right = await c.post('/workspace/account?/changePassword', {
			current: TEST_PASSWORD,
			password: 'a brand new phrase',
			repeat: 'a brand new phrase'
		});
		expect(right.status).toBe(429);
	});
});
