/**
 * PostgreSQL stopped under two running `samla start` processes (a private cluster on a free
 * port; the shared one serves other tests), then started again: a socket whose edit could
 * not be stored closes with storeFailed (4500), its client reconnects once the database is
 * back and sends what was not stored, and nothing typed is lost.
 */
import { afterAll, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { docToRecord, fieldText } from '../../src/lib/records/ydoc';
import { describeCluster } from '../helpers/cluster';
import { until, type Client } from '../sync/harness';
import { eventually, useScaleout } from './processes';
import { freePort, privatePostgres, type PrivatePostgres } from './private-services';

describeCluster('PostgreSQL stopped and started under two samla start processes', () => {
	let postgres: PrivatePostgres | undefined;
	const database = {
		get url() {
			if (!postgres) throw new Error('the private cluster starts in the test');
			return postgres.url;
		}
	};
	const cluster = useScaleout({ database });
	afterAll(() => postgres?.dispose());

	const read = (doc: Y.Doc) => docToRecord(doc).funder ?? '';
	const say = (c: Client, words: string) => {
		const text = fieldText(c.doc, 'funder')!;
		text.insert(text.length, words);
	};

	it('closes the socket whose edit could not be stored with a clear code, and stores the edit once the database is back', async () => {
		postgres = privatePostgres(await freePort());
		const [a, b] = await cluster.startMany(2);
		const { id, clients } = await cluster.coEdit('Databasen borta', [a, b]);
		const [onA, onB] = clients;
		say(onA, '[före]');
		await until(() => read(onB.doc) === '[före]', 10_000, 'B to hear A');

		postgres.stop();
		say(onA, '[under]');
		await until(() => onA.closes.length > 0, 20_000, "A's socket to close");
		expect(onA.closes[0].code).toBe(CloseCode.storeFailed);

		postgres.start();
		await eventually(
			async () => read(await cluster.storedFold(id)) === '[före][under]',
			60_000,
			'the edit to be stored once the database is back'
		);
		await until(() => read(onB.doc) === '[före][under]' && onA.provider.wsconnected, 30_000, 'B to hear it and A to be connected again');
		say(onB, '[efter]');
		await until(() => read(onA.doc) === '[före][under][efter]', 10_000, 'A to hear B again');
		expect(read(await cluster.storedFold(id))).toBe('[före][under][efter]');
	}, 150_000);
});
