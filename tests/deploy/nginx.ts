/**
 * Real nginx for the deployment tests: deploy/nginx/samla.conf rendered with a test's ports,
 * a throwaway TLS certificate and paths in a temporary folder, run in the foreground as a
 * child process. Missing nginx is an error, not a skip: CI (.ci/run) installs it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX_CONF = fileURLToPath(new URL('../../deploy/nginx/samla.conf', import.meta.url));

/** A port nothing listens on now (the kernel's pick for port 0), for servers that cannot take 0 themselves. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** Replaces what `pattern` matches, insisting that it matches: a config that drifted from this renderer fails loudly. */
function must(text: string, pattern: RegExp, replacement: string | ((...m: string[]) => string)): string {
	if (!pattern.test(text)) throw new Error(`deploy/nginx/samla.conf no longer has ${pattern}; update tests/deploy/nginx.ts`);
	pattern.lastIndex = 0;
	return text.replace(pattern, replacement as string);
}

export interface RenderOptions {
	upstreams: number[];
	httpsPort: number;
	httpPort: number;
	certificate: string;
	key: string;
	logDir: string;
}

/** The shipped file with only its addresses and paths changed: every directive under test is the operator's. */
export function renderSamlaConf(source: string, o: RenderOptions): string {
	const upstream = /^\tserver 127\.0\.0\.1:\d+([^;\n]*);\n/gm;
	const params = [...source.matchAll(upstream)][0]?.[1];
	if (params === undefined) throw new Error('deploy/nginx/samla.conf names no upstream server; update tests/deploy/nginx.ts');
	const servers = o.upstreams.map((port) => `\tserver 127.0.0.1:${port}${params};\n`).join('');
	let first = true;
	let text = source.replace(upstream, () => (first ? ((first = false), servers) : ''));
	text = must(text, /^\tlisten \[::\]:.*\n/gm, '');
	text = must(text, /^\tlisten 80;/m, `\tlisten 127.0.0.1:${o.httpPort};`);
	text = must(text, /^\tlisten 443 ssl http2;/m, `\tlisten 127.0.0.1:${o.httpsPort} ssl http2;`);
	text = must(text, /^\tssl_certificate .*;/m, `\tssl_certificate ${o.certificate};`);
	text = must(text, /^\tssl_certificate_key .*;/m, `\tssl_certificate_key ${o.key};`);
	text = must(text, /^\taccess_log \S+ samla;/m, `\taccess_log ${join(o.logDir, 'samla.access.log')} samla;`);
	text = must(text, /^\terror_log \S+;/m, `\terror_log ${join(o.logDir, 'samla.error.log')};`);
	return text;
}

export interface Nginx {
	httpsPort: number;
	httpPort: number;
	/** https://127.0.0.1:<httpsPort> */
	origin: string;
	/** The throwaway certificate, for clients to trust. */
	ca: Buffer;
	accessLog(): string;
	errorLog(): string;
	stop(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, made by the openssl command nginx's TLS comes with. */
function selfSigned(dir: string): { certificate: string; key: string } {
	const certificate = join(dir, 'cert.pem');
	const key = join(dir, 'key.pem');
	const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'];
	args.push('-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', certificate);
	execFileSync('openssl', args, { stdio: 'pipe' });
	return { certificate, key };
}

function nginxBinary(): string {
	for (const candidate of [process.env.NGINX_PATH, '/usr/sbin/nginx', 'nginx']) {
		if (!candidate) continue;
		try {
			execFileSync(candidate, ['-v'], { stdio: 'pipe' });
			return candidate;
		} catch {
			// try the next
		}
	}
	throw new Error('nginx is not installed: apt-get install -y nginx-light (.ci/run installs it), or set NGINX_PATH');
}

function portOpen(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Starts nginx with deploy/nginx/samla.conf in front of the given upstream ports. */
export async function startNginx(upstreams: number[], ports?: { httpsPort: number; httpPort: number }): Promise<Nginx> {
	const binary = nginxBinary();
	const dir = mkdtempSync(join(tmpdir(), 'samla-nginx-'));
	const httpsPort = ports?.httpsPort ?? (await freePort());
	const httpPort = ports?.httpPort ?? (await freePort());
	const { certificate, key } = selfSigned(dir);
	const logDir = join(dir, 'logs');
	mkdirSync(logDir);
	writeFileSync(
		join(dir, 'samla.conf'),
		renderSamlaConf(readFileSync(NGINX_CONF, 'utf8'), { upstreams, httpsPort, httpPort, certificate, key, logDir })
	);
	const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `\t${kind}_temp_path ${join(dir, kind)};`);
	// As root, workers would otherwise run as nobody, who cannot write into a private temporary folder.
	const user = process.getuid?.() === 0 ? 'user root;\n' : '';
	writeFileSync(
		join(dir, 'nginx.conf'),
		`${user}daemon off;\nworker_processes 1;\npid ${join(dir, 'nginx.pid')};\nerror_log ${join(logDir, 'error.log')};\n` +
			`events { worker_connections 512; }\nhttp {\n${temp.join('\n')}\n\taccess_log off;\n\tinclude ${join(dir, 'samla.conf')};\n}\n`
	);
	const args = ['-p', dir, '-e', join(logDir, 'error.log'), '-c', join(dir, 'nginx.conf')];
	try {
		execFileSync(binary, ['-t', ...args], { stdio: 'pipe' });
	} catch (err) {
		throw new Error(`nginx -t refused the rendered configuration:\n${(err as { stderr?: Buffer }).stderr?.toString() ?? err}`, {
			cause: err
		});
	}
	const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (c: Buffer) => (output += c));
	child.stderr.on('data', (c: Buffer) => (output += c));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	for (let i = 0; !(await portOpen(httpsPort)); i++) {
		if (child.exitCode !== null || i > 200) {
			child.kill('SIGKILL');
			throw new Error(`nginx did not start:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 25));
	}
	const read = (file: string) => {
		try {
			return readFileSync(join(logDir, file), 'utf8');
		} catch {
			return '';
		}
	};
	return {
		httpsPort,
		httpPort,
		origin: `https://127.0.0.1:${httpsPort}`,
		ca: readFileSync(certificate),
		accessLog: () => read('samla.access.log'),
		errorLog: () => read('samla.error.log') + read('error.log'),
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

export interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/**
 * One HTTPS request on a connection of its own, trusting the test's certificate; from
 * `localAddress` when given (another loopback address is another client to nginx).
 */
export function send(
	url: string,
	ca: Buffer,
	{
		method = 'GET',
		headers = {},
		body,
		localAddress
	}: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {}
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = httpsRequest(url, { method, headers, ca, agent: false, localAddress }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c: string) => (text += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
		});
		req.on('error', reject);
		req.end(body);
	});
}
