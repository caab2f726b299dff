/**
 * A Selarti simulator.
 * - `POST /api/1.1/wf/send_message_external` checks exactly what the action sends (Bearer token, JSON body with
 *   exactly task_id, chat_id and message as strings, a known task) and answers like a Bubble workflow endpoint.
 * - For every accepted message it can play the "All messages" integration: post the user's own message and the
 *   AI's reply to the configured webhook URL (`integrationUrl`), the way Selarti notifies integrations.
 */
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import axios from 'axios';

export const SEND_PATH = '/api/1.1/wf/send_message_external';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	rawBody: string;
	status: number;
	errors: string[];
}

export interface WebhookResult {
	status: number;
	body: unknown;
}

export interface SelartiSimulator {
	url: string;
	token: string;
	taskId: string;
	requests: RecordedRequest[];
	/** Where the "All messages" integration posts; set it to have the AI answer every accepted message. */
	integrationUrl?: string;
	/** Results of the webhooks the integration posted. */
	webhookResults: WebhookResult[];
	/** Posts one webhook like the integration does (JSON unless told otherwise). */
	sendWebhook(url: string, payload: unknown, options?: { rawBody?: string; contentType?: string }): Promise<WebhookResult>;
	stop(): Promise<void>;
}

let counter = 0;

/** An "All messages" webhook with every documented field. */
export function webhookPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	counter += 1;
	return {
		wh_type: 'all_messages',
		message_type: 'bot',
		message_text: 'Hello! How can I help you?',
		message_id: `1721130000000x${String(100000 + counter)}`,
		external_chat_id: '123456789',
		thread_id: '1721129999999x111111111111111111',
		task_id: '1721129985149x478019552540622850',
		channel_id: '1721129000000x222222222222222222',
		company_id: '1721128000000x333333333333333333',
		manager_id: '1721127000000x444444444444444444',
		title: 'Ivan Petrov',
		contacts: { phone: '+79990001122', username: 'ivan' },
		get_contact: 'yes',
		interest: 'no',
		is_bot: false,
		operator: 'no',
		success: 'yes',
		close: 0,
		share_url: 'https://selarti.com/share/1721129999999x111111111111111111',
		panel_url: 'https://selarti.com/panel/dialogs/1721129999999x111111111111111111',
		...overrides,
	};
}

export async function start(options: { token?: string; taskId?: string; port?: number } = {}): Promise<SelartiSimulator> {
	const token = options.token ?? 'selarti-bearer-token-5f2d';
	const taskId = options.taskId ?? '1721129985149x478019552540622850';
	const requests: RecordedRequest[] = [];
	const webhookResults: WebhookResult[] = [];

	const sendWebhook: SelartiSimulator['sendWebhook'] = async (url, payload, opts = {}) => {
		const response = await axios.post(url, opts.rawBody ?? JSON.stringify(payload), {
			headers: { 'content-type': opts.contentType ?? 'application/json' },
			validateStatus: () => true,
			transformRequest: [(data: unknown) => data],
		});
		return { status: response.status, body: response.data };
	};

	const sim: SelartiSimulator = {
		url: '',
		token,
		taskId,
		requests,
		webhookResults,
		sendWebhook,
		stop: async () => undefined,
	};

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			const record: RecordedRequest = {
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				body: undefined,
				rawBody,
				status: 200,
				errors: [],
			};
			requests.push(record);
			const answer = (status: number, body: unknown) => {
				record.status = status;
				res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
			};
			const bubbleError = (status: number, code: string, message: string) =>
				answer(status, { statusCode: status, body: { status: code, message } });
			if (req.method !== 'POST' || req.url !== SEND_PATH) return bubbleError(404, 'NOT_FOUND', 'Workflow not found');
			if (req.headers.authorization !== `Bearer ${token}`) {
				record.errors.push('authorization');
				return bubbleError(401, 'UNAUTHORIZED', 'Invalid or expired token');
			}
			if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) record.errors.push('content-type');
			try {
				record.body = JSON.parse(rawBody);
			} catch {
				record.errors.push('json');
				return bubbleError(400, 'INVALID_DATA', 'Body is not JSON');
			}
			const body = record.body as Record<string, unknown>;
			for (const key of ['task_id', 'chat_id', 'message']) {
				if (body[key] === undefined || body[key] === '') {
					record.errors.push(`missing ${key}`);
					return bubbleError(400, 'MISSING_DATA', `Missing parameter for workflow send_message_external: parameter ${key}`);
				}
				if (typeof body[key] !== 'string') record.errors.push(`${key} must be a string`);
			}
			const extra = Object.keys(body).filter((key) => !['task_id', 'chat_id', 'message'].includes(key));
			if (extra.length > 0) record.errors.push(`undocumented fields ${extra.join(', ')}`);
			if (body.task_id !== taskId) {
				record.errors.push('unknown task');
				return bubbleError(400, 'INVALID_DATA', 'Task not found');
			}
			if (record.errors.length > 0) return bubbleError(400, 'INVALID_DATA', record.errors.join('; '));
			answer(200, { status: 'success', response: {} });
			if (sim.integrationUrl) {
				const integrationUrl = sim.integrationUrl;
				const common = { external_chat_id: body.chat_id, task_id: body.task_id };
				// "All messages": the user's own message first, then the AI's answer (asynchronously).
				void (async () => {
					webhookResults.push(await sendWebhook(integrationUrl, webhookPayload({ ...common, message_type: 'user', message_text: body.message })));
					webhookResults.push(await sendWebhook(integrationUrl, webhookPayload({ ...common, message_type: 'bot', message_text: `AI: ${String(body.message)}` })));
				})();
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	sim.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	sim.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return sim;
}
