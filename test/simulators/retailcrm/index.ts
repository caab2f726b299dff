/**
 * A retailCRM simulator for tests, the playground and benchmarks: the account API v5 (module registration)
 * and a MessageGateway (Bot API REST + WebSocket), following docs/protocols.md section 1.
 * Every request is checked (auth header, content type, body shape) and recorded.
 */
import { randomUUID } from 'crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedRequest {
	api: 'v5' | 'bot';
	method: string;
	path: string;
	query: Record<string, string[]>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: Buffer;
	/** JSON body, or the parsed form for form posts (v5). */
	body: unknown;
	status: number;
}

export interface SimMessage {
	id: number;
	chat_id: number;
	type: string;
	scope: string;
	content?: string;
	items?: Array<Record<string, unknown>>;
	from: { id: number; type: string; name?: string; external_id?: string };
	time: string;
	created_at: string;
	updated_at: string;
	channel_id: number;
	dialog?: { id: number };
	[key: string]: unknown;
}

export interface SimulatorOptions {
	/** Port to listen on (default: a free one). */
	port?: number;
	apiKey?: string;
	botToken?: string;
	botId?: number;
	/** How many objects the list endpoints other than /messages hold (paging tests). */
	listSizes?: Partial<Record<'customers' | 'chats' | 'users' | 'members' | 'channels' | 'bots' | 'dialogs' | 'my/commands', number>>;
}

export interface WsClient {
	socket: WebSocket;
	events: string[];
	options: string[];
	headers: Record<string, string | string[] | undefined>;
	url: string;
}

export interface RetailCrmSimulator {
	url: string;
	apiKey: string;
	botToken: string;
	botId: number;
	requests: RecordedRequest[];
	messages: SimMessage[];
	clients: WsClient[];
	/** Every WebSocket connection ever accepted (also closed ones). */
	connectionCount(): number;
	/** Handshakes refused (wrong token). */
	refusedHandshakes(): number;
	/** WebSocket upgrade requests received (also the ones refused, stalled or closed at once). */
	handshakeCount(): number;
	/**
	 * How the next handshakes are answered: 'accept' (normal), 'acceptAndClose' (opened, then closed at once),
	 * 'stall' (the upgrade request is never answered).
	 */
	setHandshakeMode(mode: 'accept' | 'acceptAndClose' | 'stall'): void;
	/** Pushes message_new for a stored message (a frame that was in flight and arrives late). */
	deliver(message: SimMessage): number;
	/** Answers the next `count` Bot API calls to `path` with `status` (e.g. 429 / 503 throttling). */
	failNext(path: string, status: number, count?: number, headers?: Record<string, string>): void;
	/** Stores a customer message and pushes message_new to the connected subscribers. Returns it. */
	customerMessage(chatId: number, text: string, extra?: Partial<SimMessage>): SimMessage;
	/** Stores a customer message without pushing it (a frame lost on a socket that still looks open). */
	storeSilently(chatId: number, text: string): SimMessage;
	/** Stores a message written by this bot (its echo) and pushes it. */
	botMessage(chatId: number, text: string): SimMessage;
	/** Pushes any event frame to subscribers of its type. */
	sendEvent(type: string, data: Record<string, unknown>, massCommunication?: boolean): number;
	/** Closes every WebSocket: 'close' sends a close frame with `code`, 'terminate' drops the TCP connection. */
	dropConnections(mode?: 'close' | 'terminate', code?: number): void;
	/**
	 * What retailCRM does when the module is switched on, off or frozen: POSTs the activity callback (form fields
	 * clientId, activity, systemUrl) to the registered Base URL + actions.activity. Answers n8n's reply.
	 */
	switchModule(code: string, activity: { active: boolean; freeze: boolean }): Promise<{ url: string; status: number; body: string }>;
	clearRequests(): void;
	botRequests(method?: string, path?: string): RecordedRequest[];
	stop(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
};

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function queryOf(url: URL): Record<string, string[]> {
	const query: Record<string, string[]> = {};
	for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
	return query;
}

const now = () => new Date().toISOString();

/**
 * Lists of generated objects: ids 1..n, ascending, paged by since_id / limit like the Bot API; with `until`
 * (objects are updated in id order) newest first.
 */
function page<T extends { id: number }>(all: T[], query: Record<string, string[]>): T[] {
	let list = query.until ? [...all].reverse() : all;
	const sinceId = Number(query.since_id?.[0] ?? 0);
	if (sinceId > 0) list = list.filter((entry) => entry.id > sinceId);
	const untilId = Number(query.until_id?.[0] ?? 0);
	if (untilId > 0) list = list.filter((entry) => entry.id < untilId);
	if (query.id) {
		const ids = new Set(query.id.map(Number));
		list = list.filter((entry) => ids.has(entry.id));
	}
	const limit = Math.min(Number(query.limit?.[0] ?? 100), 1000);
	return list.slice(0, limit);
}

export async function startRetailCrmSimulator(options: SimulatorOptions = {}): Promise<RetailCrmSimulator> {
	const apiKey = options.apiKey ?? `key-${randomUUID()}`;
	const botToken = options.botToken ?? `token-${randomUUID().replace(/-/g, '')}`;
	const botId = options.botId ?? 77;
	const requests: RecordedRequest[] = [];
	const messages: SimMessage[] = [];
	const clients: WsClient[] = [];
	const modules = new Map<string, Record<string, unknown>>();
	const failures: Array<{ path: string; status: number; count: number; headers: Record<string, string> }> = [];
	let nextMessageId = 1000;
	let connections = 0;
	let refused = 0;
	let handshakes = 0;
	let handshakeMode: 'accept' | 'acceptAndClose' | 'stall' = 'accept';
	let url = '';

	const sizes = { customers: 5, chats: 5, users: 3, members: 3, channels: 2, bots: 2, dialogs: 4, 'my/commands': 2, ...options.listSizes };
	const generated: Record<string, Array<{ id: number; [key: string]: unknown }>> = {};
	for (const [name, size] of Object.entries(sizes)) {
		generated[name] = Array.from({ length: size }, (_, index) => ({
			id: index + 1,
			name: `${name} ${index + 1}`,
			created_at: now(),
			...(name === 'bots' ? { is_self: index + 1 === 1, is_active: true } : {}),
			...(name === 'dialogs' ? { chat_id: index + 1 } : {}),
		}));
	}
	// The first bot is this bot.
	generated.bots[0] = { ...generated.bots[0], id: botId, is_self: true };
	generated.bots.sort((a, b) => a.id - b.id);

	const record = (entry: RecordedRequest) => {
		requests.push(entry);
		return entry;
	};

	async function handleV5(req: IncomingMessage, res: ServerResponse, path: string, parsed: URL, raw: Buffer) {
		const entry = record({ api: 'v5', method: req.method ?? '', path, query: queryOf(parsed), headers: req.headers, rawBody: raw, body: undefined, status: 0 });
		const answer = (status: number, body: unknown) => {
			entry.status = status;
			json(res, status, body);
		};
		if (path === '/api/credentials' && req.method === 'GET') {
			if (req.headers['x-api-key'] !== apiKey) return answer(403, { success: false, errorMsg: 'Wrong "apiKey" value.' });
			return answer(200, { success: true, scopes: ['integration_read', 'integration_write'] });
		}
		if (req.headers['x-api-key'] === undefined) return answer(403, { success: false, errorMsg: '"apiKey" is missing.' });
		if (req.headers['x-api-key'] !== apiKey) return answer(403, { success: false, errorMsg: 'Wrong "apiKey" value.' });
		const edit = /^\/api\/v5\/integration-modules\/([^/]+)\/edit$/.exec(path);
		if (edit && req.method === 'POST') {
			const type = String(req.headers['content-type'] ?? '').split(';')[0];
			if (type !== 'application/x-www-form-urlencoded') {
				return answer(400, { success: false, errorMsg: 'Parameter \'integrationModule\' is missing' });
			}
			const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
			entry.body = form;
			let module: Record<string, unknown>;
			try {
				module = JSON.parse(form.integrationModule ?? '');
			} catch {
				return answer(400, { success: false, errorMsg: 'Parameter \'integrationModule\' is missing' });
			}
			const errors: Record<string, string> = {};
			for (const field of ['code', 'integrationCode', 'name', 'clientId', 'baseUrl']) {
				if (typeof module[field] !== 'string' || module[field] === '') errors[field] = 'This value should not be blank.';
			}
			if (module.code !== decodeURIComponent(edit[1])) errors.code = 'The code must match the URL.';
			const integrations = module.integrations as Record<string, unknown> | undefined;
			if (typeof integrations?.mgBot !== 'object' || integrations.mgBot === null) errors['integrations.mgBot'] = 'Required.';
			if (Object.keys(errors).length > 0) return answer(400, { success: false, errorMsg: 'Validation error', errors });
			const existed = modules.has(String(module.code));
			modules.set(String(module.code), { ...module, freeze: false, native: false });
			return answer(existed ? 200 : 201, { success: true, info: { mgBot: { endpointUrl: url, token: botToken } } });
		}
		const get = /^\/api\/v5\/integration-modules\/([^/]+)$/.exec(path);
		if (get && req.method === 'GET') {
			const module = modules.get(decodeURIComponent(get[1]));
			if (!module) return answer(404, { success: false, errorMsg: 'Not found' });
			return answer(200, { success: true, integrationModule: { ...module, integrations: { mgBot: { token: botToken, isActive: true } } } });
		}
		return answer(404, { success: false, errorMsg: 'API method not found' });
	}

	const botAnswers: Array<{ method: string; pattern: RegExp; handle: (m: RegExpExecArray, entry: RecordedRequest) => [number, unknown] }> = [
		{ method: 'GET', pattern: /^\/messages$/, handle: (_m, e) => {
			const since = e.query.since?.[0];
			let list = messages.filter((message) => !since || Date.parse(message.updated_at) >= Date.parse(since));
			if (!e.query.include_mass_communication) list = list.filter((message) => !message.mass_communication);
			return [200, page(list, e.query)];
		} },
		{ method: 'POST', pattern: /^\/messages$/, handle: (_m, e) => {
			const body = e.body as Record<string, unknown>;
			if (typeof body?.chat_id !== 'number') return [400, { errors: ['chat_id is required'] }];
			if (body.scope !== 'public' && body.scope !== 'private') return [400, { errors: ['scope is required'] }];
			const message = store({ chat_id: body.chat_id, type: String(body.type ?? 'text'), scope: body.scope, content: body.content as string | undefined,
				from: { id: botId, type: 'bot', name: 'Bot' } });
			return [200, { message_id: message.id, time: message.time }];
		} },
		{ method: 'PATCH', pattern: /^\/messages\/(\d+)$/, handle: () => [200, {}] },
		{ method: 'DELETE', pattern: /^\/messages\/(\d+)$/, handle: () => [200, {}] },
		{ method: 'POST', pattern: /^\/chats\/(\d+)\/dialogs$/, handle: () => [200, { id: 501, created_at: now() }] },
		{ method: 'PATCH', pattern: /^\/dialogs\/(\d+)\/assign$/, handle: (_m, e) => [200, { responsible: { ...(e.body as object), assigned_at: now() }, is_reassign: false }] },
		{ method: 'PATCH', pattern: /^\/dialogs\/(\d+)\/unassign$/, handle: () => [200, { previous_responsible: { id: 5, type: 'user' } }] },
		{ method: 'DELETE', pattern: /^\/dialogs\/(\d+)\/close$/, handle: () => [200, {}] },
		{ method: 'PATCH', pattern: /^\/dialogs\/(\d+)\/tags\/(add|delete)$/, handle: (_m, e) => {
			const tags = (e.body as { tags?: unknown[] })?.tags;
			return Array.isArray(tags) && tags.length > 0 ? [200, {}] : [400, { errors: ['tags is required'] }];
		} },
		{ method: 'PUT', pattern: /^\/my\/commands\/([A-Za-z0-9_]+)$/, handle: (m, e) => [200, { id: 9, name: m[1], description: (e.body as { description?: string }).description, created_at: now() }] },
		{ method: 'DELETE', pattern: /^\/my\/commands\/([A-Za-z0-9_]+)$/, handle: () => [200, {}] },
		{ method: 'PATCH', pattern: /^\/my\/info$/, handle: () => [200, {}] },
		{ method: 'POST', pattern: /^\/files\/upload$/, handle: (_m, e) => {
			const type = String(e.headers['content-type'] ?? '');
			if (!type.startsWith('multipart/form-data; boundary=')) return [400, { errors: ['multipart file expected'] }];
			if (!e.rawBody.toString('latin1').includes('name="file"')) return [400, { errors: ['field file is missing'] }];
			return [200, { id: randomUUID(), hash: 'h', type: 'file', mime_type: 'application/octet-stream', size: e.rawBody.length, created_at: now() }];
		} },
		{ method: 'POST', pattern: /^\/files\/upload_by_url$/, handle: (_m, e) => {
			const fileUrl = (e.body as { url?: string })?.url;
			if (!fileUrl || !/^https?:\/\//.test(fileUrl)) return [400, { errors: ['url is invalid'] }];
			const type = /\.(png|jpe?g|gif)$/i.test(fileUrl) ? 'image' : 'file';
			return [200, { id: randomUUID(), hash: 'h', type, source_url: fileUrl, size: 10, created_at: now() }];
		} },
		{ method: 'PUT', pattern: /^\/files\/([0-9a-f-]+)\/meta$/, handle: (m, e) => {
			const status = (e.body as { transcription_status?: string })?.transcription_status;
			if (status && !['in_progress', 'ready', 'error'].includes(status)) return [400, { errors: ['transcription_status is invalid'] }];
			return [200, { id: m[1], type: 'audio', transcription: (e.body as { transcription?: string }).transcription }];
		} },
		{ method: 'GET', pattern: /^\/files\/([0-9a-f-]+)$/, handle: (m) => [200, { id: m[1], type: 'image', size: 10, url: `${url}/download/${m[1]}` }] },
		...Object.keys(generated).map((name) => ({
			method: 'GET',
			pattern: new RegExp(`^/${name.replace('/', '\\/')}$`),
			handle: (_m: RegExpExecArray, e: RecordedRequest): [number, unknown] => {
				let list = generated[name];
				if (name === 'bots' && e.query.self?.[0] === '1') list = list.filter((bot) => bot.is_self);
				return [200, page(list, e.query)];
			},
		})),
	];

	function store(fields: Partial<SimMessage> & { chat_id: number; from: SimMessage['from'] }): SimMessage {
		const time = now();
		const message: SimMessage = { id: ++nextMessageId, type: 'text', scope: 'public', time, created_at: time, updated_at: time, channel_id: 3,
			dialog: { id: 40 }, ...fields } as SimMessage;
		messages.push(message);
		return message;
	}

	async function handleBot(req: IncomingMessage, res: ServerResponse, path: string, parsed: URL, raw: Buffer) {
		const sub = path.slice('/api/bot/v1'.length);
		const entry = record({ api: 'bot', method: req.method ?? '', path: sub, query: queryOf(parsed), headers: req.headers, rawBody: raw, body: undefined, status: 0 });
		const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			entry.status = status;
			res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
			res.end(JSON.stringify(body));
		};
		if (req.headers['x-bot-token'] !== botToken) return answer(401, { errors: ['Invalid token'] });
		const failure = failures.find((f) => f.path === sub && f.count > 0);
		if (failure) {
			failure.count--;
			return answer(failure.status, { errors: ['Too many requests'] }, failure.headers);
		}
		const isJsonBody = ['POST', 'PATCH', 'PUT'].includes(req.method ?? '') && sub !== '/files/upload';
		if (isJsonBody && raw.length > 0) {
			if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return answer(400, { errors: ['Content-Type must be application/json'] });
			try {
				entry.body = JSON.parse(raw.toString('utf8'));
			} catch {
				return answer(400, { errors: ['Invalid JSON'] });
			}
		}
		for (const route of botAnswers) {
			if (route.method !== req.method) continue;
			const match = route.pattern.exec(sub);
			if (!match) continue;
			const [status, body] = route.handle(match, entry);
			return answer(status, body);
		}
		return answer(404, { errors: [`${req.method} ${sub} not found`] });
	}

	const server = createServer((req, res) => {
		void (async () => {
			const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
			const raw = await readBody(req);
			const path = parsed.pathname;
			if (path.startsWith('/api/bot/v1/')) return await handleBot(req, res, path, parsed, raw);
			if (path.startsWith('/api/')) return await handleV5(req, res, path, parsed, raw);
			if (path.startsWith('/download/')) {
				res.writeHead(200, { 'Content-Type': 'image/png' });
				return res.end(Buffer.from('png'));
			}
			json(res, 404, { errors: ['not found'] });
		})().catch((error: Error) => json(res, 500, { errors: [error.message] }));
	});

	const wss = new WebSocketServer({ noServer: true });
	const sockets = new Set<Socket>();
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('upgrade', (req, socket, head) => {
		handshakes++;
		if (handshakeMode === 'stall') return;
		const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
		const reject = (status: number, body: unknown) => {
			refused++;
			const text = JSON.stringify(body);
			socket.end(`HTTP/1.1 ${status} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
		};
		if (parsed.pathname !== '/api/bot/v1/ws') return reject(404, { errors: ['not found'] });
		if (req.headers['x-bot-token'] !== botToken) return reject(401, { errors: ['Invalid token'] });
		const events = (parsed.searchParams.get('events') ?? '').split(',').filter((e) => e !== '');
		if (events.length === 0) return reject(400, { errors: ['events is required'] });
		wss.handleUpgrade(req, socket, head, (ws) => {
			connections++;
			const client: WsClient = { socket: ws, events, options: (parsed.searchParams.get('options') ?? '').split(',').filter(Boolean), headers: req.headers, url: req.url ?? '' };
			clients.push(client);
			ws.on('close', () => {
				const index = clients.indexOf(client);
				if (index >= 0) clients.splice(index, 1);
			});
			if (handshakeMode === 'acceptAndClose') ws.close(1000, 'closed at once');
		});
	});

	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const push = (type: string, data: Record<string, unknown>, massCommunication = false) => {
		const frame = JSON.stringify({ type, meta: { timestamp: Math.floor(Date.now() / 1000) }, data });
		let sent = 0;
		for (const client of clients) {
			if (!client.events.includes(type)) continue;
			if (massCommunication && !client.options.includes('include_mass_communication')) continue;
			if (client.socket.readyState !== 1) continue;
			client.socket.send(frame);
			sent++;
		}
		return sent;
	};
	const withChat = (message: SimMessage) => ({ ...message, chat: { id: message.chat_id, channel: { id: message.channel_id, type: 'telegram' } } });

	return {
		url,
		apiKey,
		botToken,
		botId,
		requests,
		messages,
		clients,
		connectionCount: () => connections,
		refusedHandshakes: () => refused,
		handshakeCount: () => handshakes,
		setHandshakeMode(mode) {
			handshakeMode = mode;
		},
		deliver: (message) => push('message_new', { message: withChat(message) }, Boolean(message.mass_communication)),
		async switchModule(code, activity) {
			const module = modules.get(code);
			if (!module) throw new Error(`module ${code} is not registered`);
			const actions = (module.actions ?? {}) as { activity?: string };
			const target = `${String(module.baseUrl)}${actions.activity ?? ''}`;
			const response = await fetch(target, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ clientId: String(module.clientId), activity: JSON.stringify(activity), systemUrl: url }).toString(),
			});
			return { url: target, status: response.status, body: await response.text() };
		},
		failNext(path, status, count = 1, headers = {}) {
			failures.push({ path, status, count, headers });
		},
		customerMessage(chatId, text, extra = {}) {
			const message = store({ chat_id: chatId, content: text, from: { id: 900 + chatId, type: 'customer', name: 'Ivan' }, ...extra });
			push('message_new', { message: withChat(message) }, Boolean(message.mass_communication));
			return message;
		},
		storeSilently(chatId, text) {
			return store({ chat_id: chatId, content: text, from: { id: 900 + chatId, type: 'customer', name: 'Ivan' } });
		},
		botMessage(chatId, text) {
			const message = store({ chat_id: chatId, content: text, from: { id: botId, type: 'bot', name: 'Bot' } });
			push('message_new', { message: withChat(message) });
			return message;
		},
		sendEvent: push,
		dropConnections(mode = 'terminate', code = 1000) {
			for (const client of [...clients]) {
				if (mode === 'terminate') client.socket.terminate();
				else client.socket.close(code, 'simulated close');
			}
		},
		clearRequests() {
			requests.length = 0;
		},
		botRequests(method, path) {
			return requests.filter((r) => r.api === 'bot' && (!method || r.method === method) && (!path || r.path === path));
		},
		async stop() {
			for (const client of clients) client.socket.terminate();
			wss.close();
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
