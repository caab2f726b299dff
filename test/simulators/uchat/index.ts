/**
 * A UChat API Chat simulator: the partner API (get / set / remove the API Chat webhook, with the real
 * synchronous verification handshake), the bot_url that receives contact messages, and UChat's side
 * of deliveries (payloads signed like the seed's PHP sample).
 */
import { createHmac, randomBytes } from 'crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export type VerificationEncoding = 'form' | 'json' | 'query' | 'get';

export interface UChatSimulatorOptions {
	partnerKey?: string;
	flowKey?: string;
	/** How the verification request carries hub_mode / hub_verify_token / hub_challenge (undocumented). */
	verificationEncoding?: VerificationEncoding;
	flowNs?: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	body: unknown;
}

export interface Registration {
	webhook_url: string;
	webhook_verification_key: string;
	webhook_status: string;
	bot_url: string;
}

export interface VerificationRecord {
	workspaceId: string;
	url: string;
	challenge: string;
	status: number;
	responseBody: string;
	contentType: string;
	ok: boolean;
}

export interface DeliveryOptions {
	/** Replace the signature header (null: send none). */
	signature?: string | null;
	/** Change the body after signing. */
	tamper?: (raw: string) => string;
	/** Sign with this key instead of the registered one. */
	key?: string;
	headers?: Record<string, string>;
	/** Deliver to this URL instead of the registered one. */
	url?: string;
}

export interface DeliveryResult {
	status: number;
	body: string;
	contentType: string;
}

const EMPTY: Registration = { webhook_url: '', webhook_verification_key: '', webhook_status: '', bot_url: '' };

export function uchatSignature(raw: string | Buffer, key: string): string {
	return `sha256=${createHmac('sha256', key).update(raw).digest('hex')}`;
}

export class UChatSimulator {
	partnerKey: string;
	readonly flowKey: string;
	verificationEncoding: VerificationEncoding;
	readonly flowNs: string;
	/** Every request the simulator received, in order. */
	readonly requests: RecordedRequest[] = [];
	readonly verifications: VerificationRecord[] = [];
	private readonly registrations = new Map<string, Registration>();
	/** Workspaces the partner account lists by name (besides every registered one). */
	private readonly workspaceNames = new Map<string, string>();
	private readonly botCodes = new Map<string, string>();
	private server?: Server;
	url = '';

	constructor(options: UChatSimulatorOptions = {}) {
		this.partnerKey = options.partnerKey ?? 'partner-key-123';
		this.flowKey = options.flowKey ?? 'flow-key-456';
		this.verificationEncoding = options.verificationEncoding ?? 'form';
		this.flowNs = options.flowNs ?? 'f12345';
	}

	async start(port = 0): Promise<{ url: string; stop: () => Promise<void> }> {
		this.server = createServer((req, res) => {
			void this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ status: 'error', message: error.message }));
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return { url: this.url, stop: () => this.stop() };
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	registration(workspaceId: string): Registration {
		return { ...(this.registrations.get(workspaceId) ?? EMPTY) };
	}

	/** Puts a registration in place without verification (e.g. one made by another tool). */
	setRegistration(workspaceId: string, registration: Partial<Registration>): void {
		this.registrations.set(workspaceId, { ...EMPTY, bot_url: this.botUrl(workspaceId), ...registration });
	}

	addWorkspace(workspaceId: string, name: string): void {
		this.workspaceNames.set(workspaceId, name);
	}

	botUrl(workspaceId: string): string {
		let code = this.botCodes.get(workspaceId);
		if (!code) {
			code = randomBytes(8).toString('hex');
			this.botCodes.set(workspaceId, code);
		}
		return `${this.url}/api/apichat/${code}`;
	}

	/** Requests our action posted to a bot_url. */
	botRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.path.startsWith('/api/apichat/'));
	}

	partnerRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.path.startsWith('/api/partner/'));
	}

	/** Posts a reply to the workspace's registered webhook, signed like UChat's PHP sample. */
	async deliver(workspaceId: string, payload: unknown, options: DeliveryOptions = {}): Promise<DeliveryResult> {
		const registration = this.registrations.get(workspaceId);
		const url = options.url ?? registration?.webhook_url;
		if (!url) throw new Error(`workspace ${workspaceId} has no API Chat webhook`);
		const key = options.key ?? registration?.webhook_verification_key ?? '';
		const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'x-flow-ns': this.flowNs,
			'x-action': 'messages',
			...options.headers,
		};
		const signature = options.signature === undefined ? uchatSignature(raw, key) : options.signature;
		if (signature !== null) headers['x-hub-signature-256'] = signature;
		const body = options.tamper ? options.tamper(raw) : raw;
		const response = await fetch(url, { method: 'POST', headers, body });
		return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') ?? '' };
	}

	/** Sends one verification request like UChat does during "set webhook"; returns what came back. */
	async verify(
		url: string,
		verifyToken: string,
		encoding: VerificationEncoding = this.verificationEncoding,
		challenge = randomBytes(16).toString('hex'),
		mode = 'subscribe',
	): Promise<DeliveryResult & { challenge: string }> {
		const params = { hub_mode: mode, hub_verify_token: verifyToken, hub_challenge: challenge };
		let response: Response;
		if (encoding === 'get' || encoding === 'query') {
			const target = `${url}${url.includes('?') ? '&' : '?'}${new URLSearchParams(params).toString()}`;
			response = await fetch(target, { method: encoding === 'get' ? 'GET' : 'POST' });
		} else if (encoding === 'json') {
			response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(params),
			});
		} else {
			response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(params).toString(),
			});
		}
		return {
			status: response.status,
			body: await response.text(),
			contentType: response.headers.get('content-type') ?? '',
			challenge,
		};
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const path = (req.url ?? '/').split('?')[0];
		let body: unknown = undefined;
		if (rawBody !== '') {
			try {
				body = JSON.parse(rawBody);
			} catch {
				body = rawBody;
			}
		}
		this.requests.push({ method: req.method ?? '', path, headers: req.headers, rawBody, body });
		const send = (status: number, payload: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(payload));
		};
		const bearer = req.headers.authorization;

		const webhookMatch = /^\/api\/partner\/workspace\/([^/]+)\/apichat-webhook$/.exec(path);
		if (webhookMatch || path === '/api/partner/workspaces') {
			if (bearer !== `Bearer ${this.partnerKey}`) return send(401, { status: 'error', message: 'Unauthenticated.' });
			if (!webhookMatch) {
				const ids = new Set([...this.workspaceNames.keys(), ...this.registrations.keys()]);
				return send(200, {
					status: 'ok',
					data: [...ids].map((id) => (this.workspaceNames.has(id) ? { id, name: this.workspaceNames.get(id) } : { id })),
				});
			}
			const workspaceId = decodeURIComponent(webhookMatch[1]);
			if (req.method === 'GET') return send(200, { status: 'ok', data: this.registration(workspaceId) });
			if (req.method === 'DELETE') {
				this.registrations.delete(workspaceId);
				return send(200, { status: 'ok', data: { ...EMPTY } });
			}
			if (req.method === 'POST') return this.setWebhook(workspaceId, body, send);
			return send(405, { status: 'error', message: 'Method not allowed' });
		}

		const botMatch = /^\/api\/apichat\/([^/]+)$/.exec(path);
		if (botMatch) {
			if (req.method !== 'POST') return send(405, { status: 'error', message: 'Method not allowed' });
			if (bearer !== `Bearer ${this.flowKey}`) return send(401, { status: 'error', message: 'Unauthenticated.' });
			if (![...this.botCodes.values()].includes(botMatch[1])) return send(404, { status: 'error', message: 'Bot not found' });
			if (typeof body !== 'object' || body === null) return send(400, { status: 'error', message: 'JSON body required' });
			return send(200, { status: 'ok' });
		}

		if (path === '/api/flow/bot-users-count' && req.method === 'GET') {
			if (bearer !== `Bearer ${this.flowKey}`) return send(401, { status: 'error', message: 'Unauthenticated.' });
			return send(200, { status: 'ok', data: [{ num: 1, status: 'open' }] });
		}
		return send(404, { status: 'error', message: 'Not found' });
	}

	private async setWebhook(
		workspaceId: string,
		body: unknown,
		send: (status: number, payload: unknown) => void,
	): Promise<void> {
		const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
		const url = input.webhook_url;
		const key = input.webhook_verification_key;
		if (typeof url !== 'string' || url === '' || typeof key !== 'string' || key === '') {
			return send(422, { status: 'error', message: 'webhook_url and webhook_verification_key are required' });
		}
		let outcome: DeliveryResult & { challenge: string };
		try {
			outcome = await this.verify(url, key);
		} catch (error) {
			this.verifications.push({ workspaceId, url, challenge: '', status: 0, responseBody: String(error), contentType: '', ok: false });
			return send(422, { status: 'error', message: 'Webhook url is not reachable' });
		}
		const ok = outcome.status === 200 && outcome.body === outcome.challenge;
		this.verifications.push({
			workspaceId,
			url,
			challenge: outcome.challenge,
			status: outcome.status,
			responseBody: outcome.body,
			contentType: outcome.contentType,
			ok,
		});
		if (!ok) return send(422, { status: 'error', message: 'Webhook verification failed' });
		const registration: Registration = {
			webhook_url: url,
			webhook_verification_key: key,
			webhook_status: 'verified',
			bot_url: this.botUrl(workspaceId),
		};
		this.registrations.set(workspaceId, registration);
		return send(200, { status: 'ok', data: { ...registration } });
	}
}

export { inbound, outbound } from './payloads';
