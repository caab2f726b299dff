/**
 * A BRIX / ELMA365 company with one "arbitrary messenger" channel, following the seed to the letter.
 *
 * Messenger -> BRIX: POST <url>/api/messengers/external/other/webhook/<channelId> with a JSON body
 * { type, token, data? }; answers 200, 401 (token), 404 (channel), 400 (malformed: the seed does not say,
 * a real server would reject it somehow).
 * BRIX -> messenger: send helpers POST the seed's exact payloads to the messenger's API URL.
 * With `autoFlow`, a client message is followed by userInfo then messageOutcome, as in the seed's example.
 */
import axios from 'axios';
import { sleep } from 'n8n-workflow';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	body: Record<string, unknown> | undefined;
	rawBody: string;
	status: number;
	problem?: string;
}

export interface UserInfoExchange {
	userId: string;
	status: number;
	contentType: string;
	rawBody: string;
	/** The reply when it is valid JSON with string id, username, phoneNumber and avatar. */
	reply?: { id: string; username: string; phoneNumber: string; avatar: string };
	problem?: string;
}

export interface BrixSimulatorOptions {
	/** Channel ids that exist in this company. */
	channelIds: string[];
	/** The token BRIX expects from the messenger (the channel's confirmation string or the outgoing token). */
	expectedToken: string;
	/** The confirmation string BRIX sends to the messenger. */
	token: string;
	/** The messenger's API URL (our trigger), settable later. */
	messengerUrl?: string;
	/** After a client message: ask userInfo, then send messageOutcome (success decided by `outcomeFor`). */
	autoFlow?: boolean;
	outcomeFor?: (messageId: string, attempt: number) => boolean;
	/** Whether the auto flow sends no messageOutcome at all for this delivery (BRIX "no response"). */
	silentFor?: (messageId: string, attempt: number) => boolean;
	/** Pause before the auto flow's userInfo request (BRIX's processing time), default 500 ms. */
	flowDelayMs?: number;
	/** Port to listen on (default: a free one). */
	port?: number;
}

export interface BrixSimulator {
	url: string;
	options: BrixSimulatorOptions;
	requests: RecordedRequest[];
	userInfoExchanges: UserInfoExchange[];
	outcomesSent: Array<{ messageId: string; success: boolean; status: number }>;
	/** Resolves when the auto flow triggered by all messages received so far is complete. */
	idle(): Promise<void>;
	webhookUrl(channelId: string): string;
	/** BRIX -> messenger helpers; each returns the messenger's HTTP answer. */
	sendConnect(channelId: string): Promise<{ status: number; data: unknown }>;
	sendOperatorMessage(channelId: string, targetChatId: string, text: string, files?: unknown[]): Promise<{ status: number; data: unknown }>;
	sendMessageOutcome(messageId: string, success: boolean): Promise<{ status: number; data: unknown }>;
	sendUserInfo(userId: string): Promise<UserInfoExchange>;
	sendMarkAsRead(messageId: string): Promise<{ status: number; data: unknown }>;
	sendDisconnect(channelId: string): Promise<{ status: number; data: unknown }>;
	/** Any body (or raw text) to the messenger, for negative tests. */
	post(body: unknown, raw?: boolean): Promise<{ status: number; data: unknown }>;
	stop(): Promise<void>;
}

const PREFIX = '/api/messengers/external/other/webhook/';

function isString(value: unknown): value is string {
	return typeof value === 'string';
}

/** Checks a messenger -> BRIX body against the seed; returns the problem or undefined. */
export function checkMessengerRequest(body: Record<string, unknown>): string | undefined {
	if (!['message', 'disconnect', 'userInfo'].includes(body.type as string)) return `unknown type ${String(body.type)}`;
	if (body.channelId !== undefined) return 'channelId is not part of messenger -> BRIX bodies';
	if (body.type === 'disconnect') return body.data === undefined ? undefined : 'disconnect carries no data';
	const data = body.data as Record<string, unknown> | undefined;
	if (typeof data !== 'object' || data === null) return 'data is missing';
	if (body.type === 'userInfo') return isString(data.userId) ? undefined : 'data.userId must be a string';
	for (const field of ['externalMessageId', 'externalChatId', 'externalChatName', 'externalUserId', 'text']) {
		if (!isString(data[field])) return `data.${field} must be a string`;
	}
	if (!Array.isArray(data.files)) return 'data.files must be an array';
	for (const file of data.files as Array<Record<string, unknown>>) {
		if (!isString(file.name) || !isString(file.URL)) return 'files need name and URL (upper-case)';
		if ('url' in file) return 'files use URL, not url';
	}
	return undefined;
}

export async function startBrixSimulator(options: BrixSimulatorOptions): Promise<BrixSimulator> {
	const requests: RecordedRequest[] = [];
	const userInfoExchanges: UserInfoExchange[] = [];
	const outcomesSent: BrixSimulator['outcomesSent'] = [];
	const attempts = new Map<string, number>();
	const pending = new Set<Promise<void>>();
	const client = axios.create({ validateStatus: () => true, timeout: 60_000 });

	/**
	 * `untilServing`: like a platform that tries again while the messenger cannot take requests yet. n8n refuses them
	 * before any node runs while it starts (its webhooks are registered last) and while its database check fails.
	 */
	const toMessenger = async (body: unknown, raw = false, untilServing = false) => {
		if (!options.messengerUrl) throw new Error('messengerUrl is not set');
		for (let waited = 0; ; waited += 500) {
			const response = await client.post(options.messengerUrl, raw ? body : JSON.stringify(body), {
				headers: { 'Content-Type': 'application/json' },
				transformRequest: [(data: unknown) => data],
				transformResponse: (data) => data,
			});
			const rawBody = String(response.data ?? '');
			const notServing =
				(response.status === 503 && rawBody.includes('Database is not ready')) ||
				(response.status === 404 && rawBody.includes('is not registered')) ||
				rawBody.startsWith('n8n is starting up');
			if (untilServing && notServing && waited < 60_000) {
				await sleep(500);
				continue;
			}
			let data: unknown = response.data;
			try {
				data = JSON.parse(rawBody);
			} catch {
				// not JSON: keep the text
			}
			return { status: response.status, data, contentType: String(response.headers['content-type'] ?? ''), rawBody };
		}
	};

	const sendUserInfo = async (userId: string, untilServing = false): Promise<UserInfoExchange> => {
		const answer = await toMessenger({ type: 'userInfo', token: options.token, data: { userId } }, false, untilServing);
		const exchange: UserInfoExchange = { userId, status: answer.status, contentType: answer.contentType, rawBody: answer.rawBody };
		try {
			const reply = JSON.parse(answer.rawBody) as Record<string, unknown>;
			const keys = Object.keys(reply).sort().join(',');
			if (keys !== 'avatar,id,phoneNumber,username') exchange.problem = `reply keys are ${keys}`;
			else if (![reply.id, reply.username, reply.phoneNumber, reply.avatar].every(isString)) exchange.problem = 'reply values must be strings';
			else exchange.reply = reply as UserInfoExchange['reply'];
		} catch {
			exchange.problem = 'reply is not JSON';
		}
		userInfoExchanges.push(exchange);
		return exchange;
	};

	const sendMessageOutcome = async (messageId: string, success: boolean, untilServing = false) => {
		const answer = await toMessenger({ type: 'messageOutcome', token: options.token, data: { success, messageId } }, false, untilServing);
		outcomesSent.push({ messageId, success, status: answer.status });
		return answer;
	};

	/** Like a platform that retries while the messenger is down (n8n restarting); never repeats a request it sent. */
	const whenReachable = async <T>(request: () => Promise<T>): Promise<T> => {
		for (let waited = 0; ; waited += 500) {
			try {
				return await request();
			} catch (error) {
				if (waited >= 60_000 || !/ECONNREFUSED/.test(String((error as Error).message))) throw error;
				await sleep(500);
			}
		}
	};

	const autoFlow = async (data: Record<string, unknown>) => {
		const messageId = data.externalMessageId as string;
		const attempt = (attempts.get(messageId) ?? 0) + 1;
		attempts.set(messageId, attempt);
		await sleep(options.flowDelayMs ?? 500);
		const exchange = await whenReachable(() => sendUserInfo(data.externalUserId as string, true));
		if (options.silentFor?.(messageId, attempt)) return;
		const success = exchange.reply !== undefined && (options.outcomeFor ? options.outcomeFor(messageId, attempt) : true);
		await whenReachable(() => sendMessageOutcome(messageId, success, true));
	};

	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			const path = (req.url ?? '/').split('?')[0];
			const record: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, body: undefined, rawBody, status: 200 };
			requests.push(record);
			const answer = (status: number, body: unknown, problem?: string) => {
				record.status = status;
				record.problem = problem;
				res.writeHead(status, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (req.method === 'GET' && path === '/') return answer(200, { ok: true });
			if (!path.startsWith(PREFIX)) return answer(404, { error: 'not found' }, 'unknown path');
			if (req.method !== 'POST') return answer(405, { error: 'method' }, 'not POST');
			if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
				return answer(400, { error: 'json expected' }, 'content type is not JSON');
			}
			let body: Record<string, unknown>;
			try {
				body = JSON.parse(rawBody) as Record<string, unknown>;
			} catch {
				return answer(400, { error: 'bad json' }, 'body is not JSON');
			}
			record.body = body;
			if (body.token !== options.expectedToken) return answer(401, { error: 'Unauthorized' }, 'token mismatch');
			const channelId = decodeURIComponent(path.slice(PREFIX.length));
			if (!options.channelIds.includes(channelId)) return answer(404, { error: 'Not Found' }, 'unknown channel');
			const problem = checkMessengerRequest(body);
			if (problem) return answer(400, { error: problem }, problem);
			if (body.type === 'userInfo') {
				const data = body.data as Record<string, string>;
				return answer(200, { id: data.userId, username: 'Operator One', phoneNumber: '', avatar: '' });
			}
			answer(200, {});
			if (body.type === 'message' && options.autoFlow) {
				const flow = autoFlow(body.data as Record<string, unknown>).catch(() => undefined);
				pending.add(flow);
				void flow.finally(() => pending.delete(flow));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url,
		options,
		requests,
		userInfoExchanges,
		outcomesSent,
		async idle() {
			while (pending.size > 0) await Promise.allSettled([...pending]);
		},
		webhookUrl: (channelId) => `${url}${PREFIX}${channelId}`,
		sendConnect: (channelId) =>
			toMessenger({ type: 'connect', token: options.token, channelId, data: { webhook: `${url}${PREFIX}${channelId}` } }),
		sendOperatorMessage: (channelId, targetChatId, text, files = []) =>
			toMessenger({ type: 'message', token: options.token, channelId, data: { targetChatId, text, files } }),
		sendMessageOutcome,
		sendUserInfo,
		sendMarkAsRead: (messageId) => toMessenger({ type: 'markAsRead', token: options.token, data: { messageId } }),
		sendDisconnect: (channelId) => toMessenger({ type: 'disconnect', token: options.token, channelId }),
		post: (body, raw = false) => toMessenger(body, raw),
		stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The simulator's conventional entry point. */
export const start = startBrixSimulator;
