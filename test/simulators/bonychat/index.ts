/**
 * A respond.io / BonyChat Custom Channel simulator.
 * - Platform side of "Pass messages": `POST /custom/channel/webhook/` checks exactly what our action posts
 *   (Bearer API token, channelId, contactId rules, events with mId / ms timestamp / message or status, contact
 *   fields and their limits) and records every request.
 * - Platform side of "Outgoing messages": `sendOutgoing()` calls `<API Base URL>/message` like the platform does.
 */
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import axios from 'axios';

export const WEBHOOK_PATH = '/custom/channel/webhook/';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	rawBody: string;
	status: number;
	errors: string[];
}

export interface SimulatorOptions {
	port?: number;
	channelId?: string;
	apiToken?: string;
}

export interface BonyChatSimulator {
	url: string;
	webhookUrl: string;
	channelId: string;
	apiToken: string;
	requests: RecordedRequest[];
	/** The accepted event posts only. */
	accepted(): RecordedRequest[];
	/** What the platform sends to `<API Base URL>/message`. */
	sendOutgoing(
		apiBaseUrl: string,
		body: unknown,
		options?: { token?: string | null; rawBody?: string; contentType?: string },
	): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }>;
	stop(): Promise<void>;
}

const CONTACT_ID = /^[A-Za-z0-9_=+/@]{1,50}$/;
const HTTP_URL = /^https?:\/\/\S+$/;

function checkLength(errors: string[], path: string, value: unknown, max: number, required = false): void {
	if (value === undefined) {
		if (required) errors.push(`${path} is required`);
		return;
	}
	if (typeof value !== 'string') {
		errors.push(`${path} must be a string`);
		return;
	}
	if (required && value.length === 0) errors.push(`${path} must not be empty`);
	if (value.length > max) errors.push(`${path} exceeds ${max} characters`);
}

export function validateMessage(errors: string[], path: string, message: unknown): void {
	if (typeof message !== 'object' || message === null) {
		errors.push(`${path} must be an object`);
		return;
	}
	const m = message as Record<string, unknown>;
	const allowed: Record<string, string[]> = {
		text: ['type', 'text'],
		attachment: ['type', 'attachment'],
		location: ['type', 'latitude', 'longitude', 'address'],
		quick_reply: ['type', 'title', 'replies'],
	};
	const type = m.type as string;
	if (!allowed[type]) {
		errors.push(`${path}.type must be text, attachment, location or quick_reply`);
		return;
	}
	for (const key of Object.keys(m)) if (!allowed[type].includes(key)) errors.push(`${path}.${key} is not documented`);
	if (type === 'text') checkLength(errors, `${path}.text`, m.text, 7000, true);
	if (type === 'attachment') {
		const a = m.attachment as Record<string, unknown> | undefined;
		if (typeof a !== 'object' || a === null) {
			errors.push(`${path}.attachment is required`);
			return;
		}
		for (const key of Object.keys(a)) {
			if (!['type', 'url', 'mimeType', 'fileName', 'description'].includes(key)) errors.push(`${path}.attachment.${key} is not documented`);
		}
		if (!['image', 'video', 'audio', 'file'].includes(a.type as string)) errors.push(`${path}.attachment.type is invalid`);
		checkLength(errors, `${path}.attachment.url`, a.url, 2000, true);
		if (typeof a.url === 'string' && !HTTP_URL.test(a.url)) errors.push(`${path}.attachment.url must be a public URL`);
		checkLength(errors, `${path}.attachment.mimeType`, a.mimeType, 255);
		checkLength(errors, `${path}.attachment.fileName`, a.fileName, 256);
		if (typeof a.fileName === 'string' && !/\.[A-Za-z0-9]+$/.test(a.fileName)) errors.push(`${path}.attachment.fileName needs an extension`);
		checkLength(errors, `${path}.attachment.description`, a.description, 256);
		if (a.description !== undefined && a.type !== 'image') errors.push(`${path}.attachment.description is for images only`);
	}
	if (type === 'location') {
		if (typeof m.latitude !== 'number' || Math.abs(m.latitude) > 90) errors.push(`${path}.latitude must be a number within ±90`);
		if (typeof m.longitude !== 'number' || Math.abs(m.longitude) > 180) errors.push(`${path}.longitude must be a number within ±180`);
		checkLength(errors, `${path}.address`, m.address, 256);
	}
	if (type === 'quick_reply') {
		checkLength(errors, `${path}.title`, m.title, 256, true);
		if (!Array.isArray(m.replies) || m.replies.length === 0 || m.replies.length > 10) {
			errors.push(`${path}.replies must hold 1 to 10 replies`);
		} else {
			m.replies.forEach((reply, index) => checkLength(errors, `${path}.replies[${index}]`, reply, 256, true));
		}
	}
}

/** Checks a webhook body against the documented contract; returns the list of violations. */
export function validateWebhookBody(body: unknown, channelId: string): string[] {
	const errors: string[] = [];
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['body must be a JSON object'];
	const b = body as Record<string, unknown>;
	for (const key of Object.keys(b)) if (!['channelId', 'contactId', 'events', 'contact'].includes(key)) errors.push(`${key} is not documented`);
	if (b.channelId !== channelId) errors.push('channelId does not match the channel');
	if (typeof b.contactId !== 'string' || !CONTACT_ID.test(b.contactId)) errors.push('contactId is missing or invalid');
	if (!Array.isArray(b.events) || b.events.length === 0) errors.push('events must be a non-empty array');
	else {
		b.events.forEach((event, index) => {
			const path = `events[${index}]`;
			if (typeof event !== 'object' || event === null) {
				errors.push(`${path} must be an object`);
				return;
			}
			const e = event as Record<string, unknown>;
			if (!['message', 'message_echo', 'message_status'].includes(e.type as string)) errors.push(`${path}.type is invalid`);
			checkLength(errors, `${path}.mId`, e.mId, 50, true);
			if (typeof e.timestamp !== 'number' || !Number.isInteger(e.timestamp) || e.timestamp < 1e12) {
				errors.push(`${path}.timestamp must be Unix milliseconds`);
			}
			if (e.type === 'message_status') {
				const s = e.status as Record<string, unknown> | undefined;
				if (!s || !['sent', 'delivered', 'read', 'failed'].includes(s.value as string)) errors.push(`${path}.status.value is invalid`);
				if (e.message !== undefined) errors.push(`${path}.message is not expected on a status event`);
			} else {
				validateMessage(errors, `${path}.message`, e.message);
			}
		});
	}
	if (b.contact !== undefined) {
		const c = b.contact as Record<string, unknown>;
		const allowed = ['firstName', 'lastName', 'profilePic', 'locale', 'countryCode', 'timezone', 'email', 'phone', 'language'];
		for (const key of Object.keys(c)) if (!allowed.includes(key)) errors.push(`contact.${key} is not documented`);
		checkLength(errors, 'contact.firstName', c.firstName, 50);
		checkLength(errors, 'contact.lastName', c.lastName, 50);
		checkLength(errors, 'contact.email', c.email, 50);
		checkLength(errors, 'contact.phone', c.phone, 18);
		if (c.countryCode !== undefined && !/^[A-Z]{2}$/.test(String(c.countryCode))) errors.push('contact.countryCode must be ISO alpha-2');
		if (c.language !== undefined && !/^[a-z]{2}$/.test(String(c.language))) errors.push('contact.language must be ISO 639-1');
		if (c.timezone !== undefined && (typeof c.timezone !== 'number' || Math.abs(c.timezone) > 24)) errors.push('contact.timezone must be -24..24');
	}
	return errors;
}

export async function start(options: SimulatorOptions = {}): Promise<BonyChatSimulator> {
	const channelId = options.channelId ?? 'gfd8g7fd89dgfd';
	const apiToken = options.apiToken ?? 'aaaxczsadzxcasdacxzcasdaaaxczsadzxcasdacxzcasd';
	const requests: RecordedRequest[] = [];
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
			if (req.method !== 'POST' || req.url !== WEBHOOK_PATH) return answer(404, { error: { message: 'Not found' } });
			if (req.headers.authorization !== `Bearer ${apiToken}`) {
				record.errors.push('authorization');
				return answer(401, { error: { message: 'Unauthorized' } });
			}
			if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) record.errors.push('content-type must be application/json');
			try {
				record.body = JSON.parse(rawBody);
			} catch {
				record.errors.push('body is not JSON');
				return answer(400, { error: { message: 'Invalid JSON' } });
			}
			const body = record.body as Record<string, unknown>;
			// The credential test posts no events: the token and channel are checked and nothing is stored.
			if (Array.isArray(body.events) && body.events.length === 0 && body.contactId === undefined) {
				return body.channelId === channelId ? answer(200, {}) : answer(404, { error: { message: 'Unknown channel' } });
			}
			record.errors.push(...validateWebhookBody(record.body, channelId));
			if (record.errors.length > 0) return answer(400, { error: { message: record.errors.join('; ') } });
			return answer(200, {});
		});
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		webhookUrl: `${url}${WEBHOOK_PATH}`,
		channelId,
		apiToken,
		requests,
		accepted: () => requests.filter((request) => request.status === 200 && request.errors.length === 0),
		async sendOutgoing(apiBaseUrl, body, opts = {}) {
			const token = opts.token === undefined ? apiToken : opts.token;
			const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/json' };
			if (token !== null) headers.authorization = `Bearer ${token}`;
			const response = await axios.post(`${apiBaseUrl.replace(/\/$/, '')}/message`, opts.rawBody ?? JSON.stringify(body), {
				headers,
				validateStatus: () => true,
				// Send the bytes as given: axios would otherwise JSON-encode a string that is not JSON.
				transformRequest: [(data: unknown) => data],
				transformResponse: (data) => {
					try {
						return JSON.parse(data);
					} catch {
						return data;
					}
				},
			});
			return { status: response.status, body: response.data, headers: response.headers as Record<string, unknown> };
		},
		stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The outgoing `/message` bodies the platform sends, one per message type. */
export const OUTGOING_SAMPLES = {
	text: { channelId: 'gfd8g7fd89dgfd', contactId: '+60177872890', message: { type: 'text', text: 'Hello World' } },
	attachment: {
		channelId: 'gfd8g7fd89dgfd',
		contactId: '+60177872890',
		message: {
			type: 'attachment',
			attachment: { type: 'image', url: 'https://example.com/pic.jpg', mimeType: 'image/jpeg', fileName: 'pic.jpg', description: 'A picture' },
		},
	},
	location: {
		channelId: 'gfd8g7fd89dgfd',
		contactId: 'custom_id=abc@x',
		message: { type: 'location', latitude: 3.139, longitude: 101.6869, address: 'Kuala Lumpur' },
	},
	quick_reply: {
		channelId: 'gfd8g7fd89dgfd',
		contactId: '+60177872890',
		message: { type: 'quick_reply', title: 'Pick one', replies: ['Yes', 'No'] },
	},
} as const;
