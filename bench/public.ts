/**
 * The public view at 100,000 approved projects. The projects are generated into a temp
 * SQLite file and published through publishVersion (the approval path), then:
 *
 * - query time, in process: the functions the pages and the API call (searchProjects,
 *   projectsAfter + count + JSON), many runs with varied search words, median and p99 of
 *   CPU time (the machine is shared: wall time includes waiting for a core), wall beside;
 *   searches mostly as the first time their words are asked (the process keeps recent
 *   matches, which would otherwise make every run after the first a cache hit);
 * - server time, over HTTP: the real built server as a child process on that file, a
 *   smaller sample, so routing, rendering and the network stack are in the figures;
 * - the CSV and XLSX exports streamed over HTTP: MB/s, and the server's RSS before, at its peak and after;
 * - organisation pages: the largest organisation and a spread of others, in process and over HTTP.
 *
 * Baseline: `SELECT * FROM public_projects WHERE id > ? ORDER BY id LIMIT 100`, a primary-key
 * range read of the same table, run the same way; figures are given as multiples of it.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectRecord } from '../src/lib/records/fields';
import { publishVersion } from '../src/lib/server/public/index-projects';
import { projectsAfter, countProjects } from '../src/lib/server/public/projects';
import { parseFilters, parseQuery } from '../src/lib/server/public/query';
import { facetIndex, type RankedSort } from '../src/lib/server/public/facet-index';
import { searchProjects } from '../src/lib/server/public/search';
import { forgetMatches } from '../src/lib/server/public/text-match';
import { getOrganisation, listOrganisations, searchOrganisations } from '../src/lib/server/public/organisations';
import { ensureBuilt } from '../server/build';
import { ROOT_DIR } from '../server/paths';
import { MIGRATIONS, tempDatabase, type TempDatabase } from '../tests/helpers/db';
import { sqliteSql } from '../src/lib/server/db/sql';
import { SearchIndex } from '../src/lib/server/public/search-index';
import { percentile, table, type BenchSuite } from './suite';
import { seededRng } from '../tests/helpers/rng';

/** BENCH_PUBLIC_PROJECTS makes a quicker run while working on the queries. */
export const PROJECTS = Number(process.env.BENCH_PUBLIC_PROJECTS ?? 100_000);

/** Words of the domain, the ones people search for. */
const TOPICAL = (
	'kompetens kompetenslyft digital digitalisering grön omställning samverkan innovation utveckling ' +
	'arbetsmarknad integration ungdomar nyanlända industri vård omsorg energi hållbar framtid region ' +
	'kommune prosjekt kompetanse bærekraft næringsliv teknologi inkludering utdanning skole opplæring ' +
	'fiskeri havbruk reiseliv turisme logistik transport klimat vatten skog bioekonomi entreprenörskap'
).split(' ');

/**
 * The summaries' vocabulary: 3,000 words drawn with Zipf's law (frequency ~ 1/rank), as
 * words are in real text. The topical words sit at ranks 20 to 120, below the function
 * words ("och", "för"), so a search word is in some percent of the projects, not all.
 */
function vocabulary(r: () => number): { words: string[]; cumulative: number[] } {
	const syllables = ['ka', 'ri', 'mo', 'len', 'sta', 'vik', 'ber', 'gå', 'ny', 'för', 'tid', 'ar', 'el', 'un', 'sk', 'ø', 'heim', 'by'];
	const words: string[] = [];
	while (words.length < 3000) {
		const w = Array.from({ length: 2 + Math.floor(r() * 3) }, () => pick(r, syllables)).join('');
		if (!words.includes(w)) words.push(w);
	}
	TOPICAL.forEach((w, i) => (words[20 + i * 2] = w));
	let sum = 0;
	const cumulative = words.map((_, i) => (sum += 1 / (i + 1)));
	return { words, cumulative: cumulative.map((c) => c / sum) };
}

function zipfWord(r: () => number, v: ReturnType<typeof vocabulary>): string {
	const u = r();
	let lo = 0;
	let hi = v.cumulative.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (v.cumulative[mid] < u) lo = mid + 1;
		else hi = mid;
	}
	return v.words[lo];
}

const COUNTRIES: [string, string, number][] = [
	['SE', 'SEK', 0.55],
	['NO', 'NOK', 0.3],
	['DK', 'DKK', 0.1],
	['IS', 'ISK', 0.03],
	['FI', 'EUR', 0.02]
];
const REGIONS: Record<string, string[]> = {
	SE: [
		'Skåne',
		'Blekinge',
		'Halland',
		'Västra Götaland',
		'Stockholm',
		'Uppsala',
		'Östergötland',
		'Jönköping',
		'Norrbotten',
		'Västerbotten',
		'Dalarna',
		'Gävleborg'
	],
	NO: ['Oslo', 'Viken', 'Vestland', 'Rogaland', 'Trøndelag', 'Nordland', 'Troms', 'Finnmark', 'Agder', 'Innlandet'],
	DK: ['Hovedstaden', 'Sjælland', 'Syddanmark', 'Midtjylland', 'Nordjylland'],
	IS: ['Höfuðborgarsvæðið', 'Norðurland eystra'],
	FI: ['Uusimaa', 'Pirkanmaa', 'Åland']
};
const FUNDERS = [
	'Svenska ESF-rådet',
	'Tillväxtverket',
	'Vinnova',
	'Innovasjon Norge',
	'Forskningsrådet',
	'Erhvervsstyrelsen',
	'Nordisk ministerråd',
	'Interreg Sverige-Norge',
	'Region Skåne',
	'Kompetanse Norge'
];
const PROGRAMMES = [
	'Europeiska socialfonden',
	'ESF+',
	'Regionalfonden',
	'Interreg Europe',
	'Interreg Öresund-Kattegat-Skagerrak',
	'Grønn plattform',
	'Horisont Europa',
	'Klimatklivet',
	'Fondet for regional utvikling',
	'Just Transition Fund',
	'Nordplus',
	'Erasmus+'
];
const OWNERS = ['kommun', 'kommune', 'stad', 'universitet', 'AB', 'AS', 'förbund', 'högskola'];

function pick<T>(r: () => number, list: readonly T[]): T {
	return list[Math.floor(r() * list.length)];
}

function generate(r: () => number, v: ReturnType<typeof vocabulary>, i: number): ProjectRecord {
	const topical = (n: number) => Array.from({ length: n }, () => pick(r, TOPICAL)).join(' ');
	let u = r();
	const [country, currency] = COUNTRIES.find(([, , share]) => (u -= share) < 0) ?? COUNTRIES[0];
	const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
	const year = 2014 + Math.floor(r() * 13);
	const start = `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-01`;
	return {
		title: `${cap(topical(2 + Math.floor(r() * 3)))} ${i}`,
		reference: `${year}/${String(i).padStart(6, '0')}`,
		owner: `${cap(zipfWord(r, v))} ${pick(r, OWNERS)}`,
		funder: pick(r, FUNDERS),
		programme: pick(r, PROGRAMMES),
		amount: r() < 0.9 ? { value: Math.round(10 ** (5 + r() * 3)), currency } : null,
		cofinancingRate: r() < 0.5 ? Math.round(r() * 100) / 100 : null,
		startDate: r() < 0.9 ? start : null,
		endDate: r() < 0.8 ? `${year + 2}-12-31` : null,
		country,
		regions: Array.from(new Set(Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(r, REGIONS[country])))),
		partners: Array.from({ length: Math.floor(r() * 4) }, () => `${cap(zipfWord(r, v))} ${pick(r, OWNERS)}`),
		participants: r() < 0.6 ? Math.floor(r() * 1000) : null,
		companies: r() < 0.4 ? Math.floor(r() * 200) : null,
		summary: cap(Array.from({ length: 25 + Math.floor(r() * 30) }, () => zipfWord(r, v)).join(' ')),
		themes: [],
		nuts: null,
		contacts: []
	};
}

/** Inserts the documents, records, versions and provenance with plain statements, then publishes each record the real way. */
export async function populate(t: TempDatabase): Promise<{ generate: number; publish: number; commonest: string; published: string[] }> {
	const r = seededRng(42);
	const v = vocabulary(r);
	const sqlite = t.db.$client;
	const insDoc = sqlite.prepare(
		'INSERT INTO documents (id, content_hash, content, language, title, source_url, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
	);
	const insRec = sqlite.prepare(
		'INSERT INTO records (id, title, status, document_id, draft, match_key, reference, approved_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)'
	);
	const insVer = sqlite.prepare(
		"INSERT INTO record_versions (record_id, version, data, state_vector, approved_by, approved_at) VALUES (?, 1, ?, x'', 'bench', ?)"
	);
	const insProv = sqlite.prepare(
		"INSERT INTO field_provenance (record_id, field, item_index, document_id, start, end, snippet, rule, confidence) VALUES (?, ?, NULL, ?, 0, ?, ?, 'bench', 1)"
	);
	const ids: string[] = [];
	const t0 = performance.now();
	const now = Date.now();
	sqlite.transaction(() => {
		let docId = '';
		for (let i = 0; i < PROJECTS; i++) {
			const rec = generate(r, v, i);
			if (i % 10 === 0) {
				docId = randomUUID();
				insDoc.run(docId, docId, rec.summary, 'sv', `Pressmeddelande ${i}`, `https://example.org/press/${i}`, now);
			}
			const id = randomUUID();
			ids.push(id);
			const json = JSON.stringify(rec);
			insRec.run(id, rec.title, 'approved', docId, json, rec.title.toLowerCase(), rec.reference, now, now);
			insVer.run(id, json, now - i * 1000);
			insProv.run(id, 'title', docId, rec.title.length, rec.title);
			insProv.run(id, 'owner', docId, rec.owner!.length, `Projektägare är ${rec.owner}`);
		}
	})();
	const t1 = performance.now();
	const sql = sqliteSql(t.db);
	await sql.tx(async (tx) => {
		for (const id of ids) await publishVersion(sql, tx, id, new Date(now));
	});
	return { generate: (t1 - t0) / 1000, publish: (performance.now() - t1) / 1000, commonest: v.words[0], published: ids };
}

export interface Timing {
	median: number;
	p99: number;
	runs: number;
}

/** The median and p99 of one time per run (sorts ms). */
function timingOf(ms: number[]): Timing {
	ms.sort((a, b) => a - b);
	return { median: percentile(ms, 50), p99: percentile(ms, 99), runs: ms.length };
}

/**
 * In-process runs are measured in CPU time (user + system) of this process: the query
 * functions are synchronous, so that is their cost, without the time the process spent
 * descheduled on a shared machine. Wall time is reported beside it.
 */
export function time(runs: number, fn: (i: number) => unknown, before?: () => void): { cpu: Timing; wall: Timing } {
	for (let i = 0; i < Math.min(20, runs); i++) fn(i);
	const cpu: number[] = [];
	const wall: number[] = [];
	for (let i = 0; i < runs; i++) {
		before?.();
		const t0 = performance.now();
		const c0 = process.cpuUsage();
		fn(i);
		const c = process.cpuUsage(c0);
		wall.push(performance.now() - t0);
		cpu.push((c.user + c.system) / 1000);
	}
	return { cpu: timingOf(cpu), wall: timingOf(wall) };
}

/** `time` for a function that awaits: on SQLite its queries resolve at once, so the CPU time is still its own. */
async function timeAwaited(runs: number, fn: (i: number) => Promise<unknown>): Promise<{ cpu: Timing; wall: Timing }> {
	for (let i = 0; i < Math.min(20, runs); i++) await fn(i);
	const cpu: number[] = [];
	const wall: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		const c0 = process.cpuUsage();
		await fn(i);
		const c = process.cpuUsage(c0);
		wall.push(performance.now() - t0);
		cpu.push((c.user + c.system) / 1000);
	}
	return { cpu: timingOf(cpu), wall: timingOf(wall) };
}

/** Median and p99 wall time of an awaited function, after up to ten warm-up runs. */
export async function timeAsync(runs: number, fn: (i: number) => Promise<unknown>): Promise<Timing> {
	for (let i = 0; i < Math.min(10, runs); i++) await fn(i);
	const ms: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await fn(i);
		ms.push(performance.now() - t0);
	}
	return timingOf(ms);
}

/** Search words of every frequency: common, rare, prefixes, diacritics folded. */
export const TERMS = [
	'kompetens',
	'digital',
	'grön',
	'gron',
	'samverk',
	'innov',
	'hållbar framtid',
	'skane',
	'tromso',
	'fiskeri',
	'bio',
	'trans',
	'kompetanse',
	'ungdomar',
	'energi klimat',
	'entre',
	'vård',
	'havbruk',
	'utv',
	'skog'
];
const FACET_PAIRS = [
	['SE', '2024'],
	['NO', '2022'],
	['SE', '2019'],
	['DK', '2025'],
	['NO', '2017']
];
export const searchParams = (i: number) =>
	new URLSearchParams({
		q: TERMS[i % TERMS.length],
		country: FACET_PAIRS[i % FACET_PAIRS.length][0],
		year: FACET_PAIRS[i % FACET_PAIRS.length][1]
	});
export const OTHER_SORTS: RankedSort[] = ['amount', 'start', 'title'];

interface ServerProcess {
	url: string;
	pid: number;
	stop(): Promise<void>;
}

/** The production entry on the generated file; started here, not through the test helper, to read its RSS. */
async function startServerProcess(databasePath: string, dir: string): Promise<ServerProcess> {
	ensureBuilt((line) => console.error(`[bench] ${line}`));
	const child = spawn(process.execPath, [join(ROOT_DIR, 'bin/samla.js'), 'start'], {
		cwd: ROOT_DIR,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: databasePath, SEEDS_DIR: join(dir, 'no-seeds') },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const m = /listening on (http:\/\/[^\s;]+)/.exec(output);
			if (m) resolve(m[1]);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		url,
		pid: child.pid!,
		stop: async () => {
			child.kill('SIGTERM');
			await exited;
		}
	};
}

function rssMb(pid: number): number {
	const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Number(m[1]) / 1024 : NaN;
}

const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (t: Timing, base: Timing) => `${(t.median / base.median).toFixed(1)}x / ${(t.p99 / base.p99).toFixed(1)}x`;

/**
 * The per-process search index (search-index.ts) that PostgreSQL mode searches, here loaded
 * from the SQLite file through the same `Sql` path; and what its change log costs a
 * publication. Before and after in one run: the search on the file against the same search
 * on the index, a republication with the log's triggers against one with them dropped
 * (alternating blocks, so both see the same machine load).
 */
async function measureSearchIndex(t: TempDatabase, published: string[]): Promise<string> {
	const { db } = t;
	const handle = sqliteSql(db);
	const rss0 = process.memoryUsage().rss;
	const l0 = performance.now();
	const index = await SearchIndex.load(handle, MIGRATIONS);
	const loadSeconds = (performance.now() - l0) / 1000;
	const rssGrowth = (process.memoryUsage().rss - rss0) / 1048576;
	const onFile = (i: number) => searchProjects(db, parseQuery(searchParams(i)));
	const onIndex = (i: number) => searchProjects(index.db, parseQuery(searchParams(i)));
	const file = time(300, onFile, () => forgetMatches(facetIndex(db.$client)));
	const mirrored = time(300, onIndex, () => forgetMatches(facetIndex(index.db.$client)));

	const triggers = db.$client
		.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'public_projects_log_%'")
		.all() as {
		name: string;
		sql: string;
	}[];
	const republish = (i: number) => handle.tx((tx) => publishVersion(handle, tx, published[(i * 7919) % published.length]));
	const logged: number[] = [];
	const unlogged: number[] = [];
	for (let block = 0; block < 10; block++) {
		for (const [withLog, into] of [
			[true, logged],
			[false, unlogged]
		] as const) {
			if (!withLog) for (const tr of triggers) db.$client.exec(`DROP TRIGGER ${tr.name}`);
			for (let i = 0; i < 30; i++) {
				const t0 = performance.now();
				await republish(block * 60 + i + (withLog ? 0 : 30));
				into.push(performance.now() - t0);
			}
			if (!withLog) for (const tr of triggers) db.$client.exec(tr.sql);
		}
	}
	// After those publications: how long the index takes to catch up, then a quiet poll.
	const catchUp0 = performance.now();
	const caughtUp = await index.refresh(handle);
	const catchUp = performance.now() - catchUp0;
	const oneChange = await timeAsync(50, async (i) => {
		await republish(i);
		await index.refresh(handle);
	});
	const quiet = await timeAsync(200, () => index.refresh(handle));
	const firstSearch = await timeAsync(20, async (i) => {
		await republish(i);
		await index.refresh(handle);
		onIndex(i);
	});
	index.db.$client.close();
	return [
		`The per-process search index (search-index.ts, what PostgreSQL mode searches), loaded here from this file through \`Sql\` in ${loadSeconds.toFixed(1)} s, ${rssGrowth.toFixed(0)} MB of RSS. Wall milliseconds; the ratios are from the same minutes.`,
		'',
		table(
			['what', 'runs', 'median / p99', 'after vs before (median / p99)'],
			[
				[
					'search page on the file: words + country + start year, first time',
					file.wall.runs,
					`${fmt(file.wall.median)} / ${fmt(file.wall.p99)}`,
					''
				],
				[
					'the same on the index',
					mirrored.wall.runs,
					`${fmt(mirrored.wall.median)} / ${fmt(mirrored.wall.p99)}`,
					ratio(mirrored.wall, file.wall)
				],
				[
					'republish one project, without the change log',
					unlogged.length,
					`${fmt(timingOf(unlogged).median)} / ${fmt(timingOf(unlogged).p99)}`,
					''
				],
				[
					'republish one project, with the change log (its triggers)',
					logged.length,
					`${fmt(timingOf(logged).median)} / ${fmt(timingOf(logged).p99)}`,
					ratio(timingOf(logged), timingOf(unlogged))
				],
				[`catch up with ${caughtUp} republished projects (refresh)`, 1, fmt(catchUp), ''],
				['republish one project + refresh the index', oneChange.runs, `${fmt(oneChange.median)} / ${fmt(oneChange.p99)}`, ''],
				['refresh, nothing new (the poll)', quiet.runs, `${fmt(quiet.median)} / ${fmt(quiet.p99)}`, ''],
				[
					'republish + refresh + the next search (rebuilds the facet index)',
					firstSearch.runs,
					`${fmt(firstSearch.median)} / ${fmt(firstSearch.p99)}`,
					''
				]
			]
		)
	].join('\n');
}

export const publicBench: BenchSuite = {
	title: 'Public view and open data at 100,000 approved projects',
	async run() {
		const t = tempDatabase();
		let server: ServerProcess | null = null;
		try {
			const built = await populate(t);
			const db = t.db;
			const sqlite = db.$client;
			sqlite.pragma('optimize');
			const maxId = (sqlite.prepare('SELECT max(id) AS m FROM public_projects').get() as { m: number }).m;

			const byKey = sqlite.prepare('SELECT * FROM public_projects WHERE id > ? ORDER BY id LIMIT 100');
			const baseline = time(1000, (i) => byKey.all((i * 7919) % (maxId - 100)));
			const search = (params: Record<string, string>) => searchProjects(db, parseQuery(new URLSearchParams(params)));
			// Each run as the first time its words are searched: the matches a process keeps are dropped before it.
			const firstTime = () => forgetMatches(facetIndex(sqlite));
			const words = (i: number) => ({ q: TERMS[i % TERMS.length] });
			const withFacets = time(300, (i) => searchProjects(db, parseQuery(searchParams(i))), firstTime);
			const wordsOnly = time(300, (i) => search(words(i)), firstTime);
			const otherSorts = time(300, (i) => search({ ...words(i), sort: OTHER_SORTS[i % OTHER_SORTS.length] }), firstTime);
			const again = time(300, (i) => search({ ...words(i), page: String(1 + (i % 3)) }));
			const share = (q: string) => search({ q }).total / PROJECTS;
			const shares = TERMS.map(share).sort((a, b) => a - b);
			const commonest = time(10, () => search({ q: built.commonest }), firstTime);
			const commonestByTitle = time(10, () => search({ q: built.commonest, sort: 'title' }), firstTime);
			const commonestAgain = time(10, (i) => search({ q: built.commonest, page: String(1 + i) }));
			const letter = time(10, () => search({ q: 'k' }), firstTime);
			const front = time(300, () => search({}));
			const bump = sqlite.prepare('UPDATE public_state SET generation = generation + 1');
			const frontCold = time(10, () => {
				bump.run();
				return search({});
			});
			const index = facetIndex(sqlite);
			const indexArrays = [
				index.present,
				index.all,
				...index.facets.flatMap((f) => [f.of, f.start, f.list].filter((a) => a !== null)),
				...OTHER_SORTS.map((s) => index.rank(s))
			];
			const indexMb = indexArrays.reduce((n, a) => n + a.byteLength, 0) / 1048576;
			const handle = sqliteSql(db);
			const apiPage = await timeAwaited(500, async (i) => {
				const filters = parseFilters(new URLSearchParams());
				const batch = await projectsAfter(handle, filters, (i * 7919) % (maxId - 100), 100);
				return JSON.stringify({ total: await countProjects(handle, filters), projects: batch.projects });
			});

			const organisations = await listOrganisations(handle);
			const largest = organisations.reduce((a, b) => (b.projects > a.projects ? b : a));
			// The largest organisation every tenth request, the others spread over the whole list.
			const orgSlugs = organisations.filter((_, i) => i % 97 === 0).map((o) => o.slug);
			const orgSlug = (i: number) => (i % 10 === 0 ? largest.slug : orgSlugs[i % orgSlugs.length]);
			const orgPage = await timeAwaited(300, (i) => getOrganisation(handle, orgSlug(i)));
			const orgLargest = await timeAwaited(50, () => getOrganisation(handle, largest.slug));
			// Its projects are kept per data version: here each view follows a publication.
			const orgLargestCold = await timeAwaited(30, () => {
				bump.run();
				return getOrganisation(handle, largest.slug);
			});
			const orgSearch = await timeAwaited(100, (i) => searchOrganisations(handle, TERMS[i % TERMS.length].slice(0, 4)));
			const perProcess = await measureSearchIndex(t, built.published);

			server = await startServerProcess(t.path, t.dir);
			const url = server.url;
			const get = async (path: string) => {
				const res = await fetch(`${url}${path}`, { headers: { 'accept-language': 'sv' } });
				if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
				return res.text();
			};
			const httpBaseline = await timeAsync(200, () => get('/api/schema.json'));
			const httpSearch = await timeAsync(300, (i) => get(`/?${searchParams(i)}`));
			const httpFront = await timeAsync(100, () => get('/'));
			const httpApi = await timeAsync(200, (i) =>
				get(`/api/projects?limit=100${i ? `&cursor=${Buffer.from(`after:${(i * 7919) % maxId}`).toString('base64url')}` : ''}`)
			);
			const projectIds = (sqlite.prepare('SELECT record_id FROM public_projects WHERE id % 397 = 0').all() as { record_id: string }[]).map(
				(r) => r.record_id
			);
			const httpProject = await timeAsync(200, (i) => get(`/projects/${projectIds[i % projectIds.length]}`));
			const httpOrg = await timeAsync(300, (i) => get(`/organisations/${orgSlug(i)}`));
			const httpOrgLargest = await timeAsync(50, () => get(`/organisations/${largest.slug}`));
			const httpOrgApi = await timeAsync(200, (i) => get(`/api/organisations/${orgSlug(i)}`));
			const httpOrgs = await timeAsync(50, (i) => get(`/organisations?q=${TERMS[i % TERMS.length].slice(0, 4)}`));

			/** Streams a download to its end, sampling the server's RSS meanwhile. */
			const download = async (path: string) => {
				const before = rssMb(server!.pid);
				let peak = before;
				const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server!.pid))), 20);
				const t0 = performance.now();
				const res = await fetch(`${url}${path}`);
				let size = 0;
				for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) size += chunk.byteLength;
				clearInterval(sampler);
				return { before, peak, after: rssMb(server!.pid), seconds: (performance.now() - t0) / 1000, mb: size / 1048576 };
			};
			// Streamed: the server's memory growth must not follow the number of rows.
			const xlsxRuns: { projects: number; before: number; peak: number; after: number; seconds: number; mb: number }[] = [];
			for (const query of ['?country=DK', '?country=NO', '']) {
				const projects = await countProjects(handle, parseFilters(new URLSearchParams(query)));
				xlsxRuns.push({ projects, ...(await download(`/api/projects.xlsx${query}`)) });
			}
			const growth = (r: (typeof xlsxRuns)[number]) => r.peak - r.before;

			const rssBefore = rssMb(server.pid);
			let rssPeak = rssBefore;
			const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(server!.pid))), 20);
			const t0 = performance.now();
			const res = await fetch(`${url}/api/projects.csv`);
			let bytes = 0;
			let rows = 0;
			for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
				bytes += chunk.byteLength;
				for (const b of chunk) if (b === 10) rows++;
			}
			const csvSeconds = (performance.now() - t0) / 1000;
			clearInterval(sampler);
			const rssAfter = rssMb(server.pid);
			const mb = bytes / 1048576;

			const row = (what: string, tm: Timing, base: Timing) => [what, tm.runs, fmt(tm.median), fmt(tm.p99), ratio(tm, base)];
			const cpuRow = (what: string, tm: { cpu: Timing; wall: Timing }) => [
				what,
				tm.cpu.runs,
				fmt(tm.cpu.median),
				fmt(tm.cpu.p99),
				ratio(tm.cpu, baseline.cpu),
				`${fmt(tm.wall.median)} / ${fmt(tm.wall.p99)}`
			];
			return [
				`${PROJECTS.toLocaleString('en')} projects generated in ${built.generate.toFixed(1)} s and published through publishVersion in ${built.publish.toFixed(1)} s (${Math.round(PROJECTS / built.publish)} projects/s); database ${((sqlite.prepare('SELECT page_count * page_size AS b FROM pragma_page_count(), pragma_page_size()').get() as { b: number }).b / 1048576) | 0} MB.`,
				'',
				`The ${TERMS.length} search words each match ${(shares[0] * 100).toFixed(1)} % to ${(shares[shares.length - 1] * 100).toFixed(1)} % of the projects (median ${(shares[shares.length >> 1] * 100).toFixed(1)} %). Facet index in memory: ${indexMb.toFixed(1)} MB with all three sort orders built.`,
				'',
				'Query time, in process (the functions the routes call; CPU milliseconds, wall time beside). "First time": the matches the process keeps for a search were dropped before each run.',
				'',
				table(
					['what', 'runs', 'median', 'p99', 'vs baseline (median / p99)', 'wall median / p99'],
					[
						cpuRow('baseline: 100 rows by primary key', baseline),
						cpuRow('search page: words + country + start year (page, total, six facets), first time', withFacets),
						cpuRow('search page: words only, by relevance, first time', wordsOnly),
						cpuRow('search page: words only, by amount, start or title, first time', otherSorts),
						cpuRow('search page: words only again (pages 1-3; matches kept)', again),
						cpuRow(
							`worst case: a word in ${Math.round(share(built.commonest) * 100)} % of projects ("${built.commonest}", like "och"), by relevance, first time`,
							commonest
						),
						cpuRow('worst case, by title, first time', commonestByTitle),
						cpuRow('worst case again (next pages; matches and scores kept)', commonestAgain),
						cpuRow(
							`one letter typed ("k", matched as a word, not a prefix: ${Math.round(share('k') * 100)} % of projects), by relevance, first time`,
							letter
						),
						cpuRow('front page, no search (facet counts cached per data version)', front),
						cpuRow('front page, first request after a publication (builds the facet index)', frontCold),
						cpuRow('API page: 100 projects + total + JSON', apiPage),
						cpuRow(
							`organisation page: ${organisations.length.toLocaleString('en')} organisations, every 10th the largest (${largest.projects} projects)`,
							orgPage
						),
						cpuRow('organisation page, the largest only', orgLargest),
						cpuRow('organisation page, the largest only, first view after a publication', orgLargestCold),
						cpuRow('organisation search (list cached per data version)', orgSearch)
					]
				),
				'',
				perProcess,
				'',
				'Server time over HTTP (the built server as a child process, keep-alive, one client; milliseconds):',
				'',
				table(
					['what', 'requests', 'median', 'p99', 'vs baseline (median / p99)'],
					[
						row('baseline: GET /api/schema.json (no database)', httpBaseline, httpBaseline),
						row('GET /?q=…&country=…&year=… (rendered page)', httpSearch, httpBaseline),
						row('GET / (rendered page)', httpFront, httpBaseline),
						row('GET /projects/<id>', httpProject, httpBaseline),
						row(`GET /organisations/<slug> (every 10th the largest, ${largest.projects} projects)`, httpOrg, httpBaseline),
						row('GET /organisations/<slug>, the largest only', httpOrgLargest, httpBaseline),
						row('GET /api/organisations/<slug>', httpOrgApi, httpBaseline),
						row('GET /organisations?q=… (search)', httpOrgs, httpBaseline),
						row('GET /api/projects?limit=100&cursor=…', httpApi, httpBaseline)
					]
				),
				'',
				table(
					['CSV export of all projects', 'value'],
					[
						['rows', rows - 1],
						['size', `${mb.toFixed(1)} MB`],
						['time', `${csvSeconds.toFixed(2)} s`],
						['throughput', `${(mb / csvSeconds).toFixed(1)} MB/s`],
						['server RSS before / peak / after', `${rssBefore.toFixed(0)} / ${rssPeak.toFixed(0)} / ${rssAfter.toFixed(0)} MB`]
					]
				),
				'',
				table(
					['XLSX export', 'projects', 'size', 'time', 'server RSS before / peak / after', 'RSS growth (peak - before)'],
					xlsxRuns.map((r) => [
						r.projects === PROJECTS ? 'all projects' : 'one country',
						r.projects.toLocaleString('en'),
						`${r.mb.toFixed(1)} MB`,
						`${r.seconds.toFixed(2)} s`,
						`${r.before.toFixed(0)} / ${r.peak.toFixed(0)} / ${r.after.toFixed(0)} MB`,
						`${growth(r).toFixed(0)} MB`
					])
				),
				'',
				`XLSX memory growth, ${xlsxRuns[2].projects.toLocaleString('en')} projects against ${xlsxRuns[0].projects.toLocaleString('en')}: ${(growth(xlsxRuns[2]) / Math.max(1, growth(xlsxRuns[0]))).toFixed(2)}x for ${(xlsxRuns[2].projects / xlsxRuns[0].projects).toFixed(1)}x the rows.`
			].join('\n');
		} finally {
			await server?.stop();
			t.cleanup();
		}
	}
};
