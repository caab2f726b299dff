import { createHash, createHmac, randomUUID } from 'crypto';
import { request as httpRequest } from 'http';
import { gzipSync } from 'zlib';

/**
 * A corpus of hostile requests for the package's webhook triggers. Each trigger has an adapter that knows
 * how to build a valid request (with correct credentials) and which status its contract demands for every
 * kind of broken, spoofed or replayed request. Generic generators build the bulk (invalid JSON, wrong types,
 * unicode, oversized bodies, ...) through the adapter's hooks.
 */

export interface HostileRequest {
	method: 'POST' | 'GET' | 'PUT';
	headers: Record<string, string>;
	body?: Buffer;
	/** Query string without `?`. */
	query?: string;
}

export interface HostileCase {
	/** Unique, readable id: `<trigger>/<category>/<detail>`. */
	id: string;
	category: string;
	request: HostileRequest;
	/** The exact status code the contract demands. */
	status: number;
	/** Whether the request must start exactly one execution. */
	executes: boolean;
	/** For requests that execute: the chat id the execution carries (finds it among the executions). */
	marker?: string;
	/** For requests that execute: the text the execution must carry, byte for byte. */
	text?: string;
	/** For rejections: what the error message must say. */
	message?: RegExp;
	/** For 200 answers that are not JSON (verification handshakes): the exact body. */
	exactBody?: string;
	/** Values sent by the attacker that must not be echoed back (wrong tokens close to the secret). */
	mustNotEcho?: string[];
}

export interface TriggerAdapter {
	/** n8n node name of the trigger (without package prefix). */
	trigger: string;
	/** Secrets configured in n8n: none may appear in any response or execution. */
	secrets: string[];
	/** Values that must not appear in any response but legitimately appear in the trigger's output. */
	responseOnlySecrets?: string[];
	/** The marker and text of an execution's trigger item (default: `chatId` and `text`). */
	markerOf?(item: Record<string, unknown>): string;
	textOf?(item: Record<string, unknown>): string;
	/** A valid request that starts an execution carrying `marker` as chat id and `text` as text. */
	valid(marker: string, text?: string): HostileRequest;
	cases(): HostileCase[];
}

export interface HostileResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** Sends a request byte for byte (no client-side body handling), tolerating the server closing early. */
export function send(url: string, req: HostileRequest, timeoutMs = 30_000): Promise<HostileResponse> {
	return new Promise((resolve, reject) => {
		const target = new URL(req.query ? `${url}?${req.query}` : url);
		const headers: Record<string, string | number> = { ...req.headers };
		if (req.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
			headers['content-length'] = req.body.length;
		}
		const client = httpRequest(
			{ method: req.method, hostname: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, headers },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
				);
				res.on('error', reject);
			},
		);
		client.setTimeout(timeoutMs, () => client.destroy(new Error(`timeout after ${timeoutMs} ms`)));
		// The server may answer (413) and close before the whole body is written: keep the answer.
		client.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
			reject(error);
		});
		client.on('close', () => reject(new Error('connection closed without an answer')));
		client.end(req.body);
	});
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const jsonBytes = (value: unknown) => utf8(JSON.stringify(value));
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Bodies that are not JSON at all, or broken JSON. */
export const INVALID_JSON: string[] = [
	'{',
	'}',
	'{"a":1',
	'{"a":1,}',
	"{'a':1}",
	'{a:1}',
	'[1,2',
	'nul',
	'undefined',
	'NaN',
	'{"a":NaN}',
	'{"a":Infinity}',
	'{"a":01}',
	'{"a":"\u0001"}',
	'{"a":"x"}}',
	'{"a":"x"} trailing',
	'\u0000',
	'{"a":"\\x41"}',
	'{"a":"\\u12"}',
	'{"a":1}{"b":2}',
	'<message><text>hi</text></message>',
	'type=message&text=hi',
	'{"a":tru}',
	'{"a":"unterminated}',
	'/* comment */ {}',
	'{"a":1} // comment',
	'\uFEFF\uFEFF{}',
	'{"a":.5}',
	'{"a":+1}',
	'{"a":"\t"}',
];

/** Valid JSON that is not an object. */
export const NON_OBJECT_JSON = ['[]', '[{}]', '1', '-1.5e3', '"text"', 'true', 'false', 'null', '""'];

/** Empty bodies. */
export const EMPTY_BODIES = ['', ' ', '\n\t\r\n', '\uFEFF'];

/** Texts that must arrive unchanged (unicode, control characters, injection attempts). */
export const HOSTILE_TEXTS: Array<[string, string]> = [
	['emoji', 'Thumbs 👍🏽 family 👨‍👩‍👧‍👦 flag 🇺🇦'],
	['rtl', 'مرحبا بالعالم \u202Eevil\u202C'],
	['cjk', '你好，世界 こんにちは 안녕하세요'],
	['combining', 'e\u0301 a\u0308 Z̤͔ͧ̑̓'],
	['zero-width', 'a\u200Bb\u200Cc\u200Dd\uFEFFe'],
	['nul', 'before\u0000after'],
	['c0-controls', '\u0001\u0002\u0007\b\u000B\f\u001B[31mred\u001B[0m'],
	['c1-controls', '\u0080\u0085\u009F'],
	['line-separators', 'one\u2028two\u2029three\r\nfour'],
	['lone-surrogate', 'broken \uD800 pair \uDFFF'],
	['noncharacters', '\uFFFE\uFFFF'],
	['astral', '𝕳𝖊𝖑𝖑𝖔 𓀀 🀄'],
	['html', '<script>alert(1)</script><img src=x onerror=alert(2)>'],
	['sql', "'; DROP TABLE execution_entity; --"],
	['n8n-expression', '={{ $env.N8N_ENCRYPTION_KEY }} {{ $json.token }}'],
	['template-literal', '${process.exit(1)} #{7*7} <%= 7*7 %>'],
	['path', '../../../../etc/passwd %2e%2e%2f'],
	['percent-null', '%00%0d%0aSet-Cookie: x=1'],
	['long', 'x'.repeat(200_000)],
	['json-in-text', '{"type":"connect","token":"x"}'],
	['whitespace-only', ' \t\n '],
	['empty', ''],
];

/** Token / key variants of a secret that must all be refused. */
export function secretVariants(secret: string): Array<[string, string]> {
	const flip = (index: number) => {
		const chars = [...secret];
		chars[index] = chars[index] === 'a' ? 'b' : 'a';
		return chars.join('');
	};
	return [
		['one-char-first', flip(0)],
		['one-char-middle', flip(Math.floor(secret.length / 2))],
		['one-char-last', flip(secret.length - 1)],
		['truncated-by-one', secret.slice(0, -1)],
		['truncated-half', secret.slice(0, Math.floor(secret.length / 2))],
		['one-char-longer', `${secret}x`],
		['doubled', `${secret}${secret}`],
		['uppercase', secret.toUpperCase()],
		['leading-space', ` ${secret}`],
		['trailing-space', `${secret} `],
		['trailing-nul', `${secret}\u0000`],
		['empty', ''],
		['first-char-only', secret[0]],
	];
}

/** Bodies larger than the n8n payload limit the corpus runs with (N8N_PAYLOAD_SIZE_MAX=1, i.e. 1 MiB). */
export function oversized(build: (text: string) => Buffer): Array<[string, Buffer, Record<string, string>]> {
	const big = (bytes: number) => build('y'.repeat(bytes));
	const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
	return [
		['1.1-MB', big(1_150_000), {}],
		['3-MB', big(3_000_000), {}],
		['gzip-bomb-8-MiB', bomb, { 'content-encoding': 'gzip' }],
	];
}

interface GenericHooks {
	name: string;
	/** A valid payload object (no credentials). */
	payload(marker: string, text?: string): Record<string, unknown>;
	/** Adds correct credentials to raw bytes. */
	authorize(body: Buffer, headers?: Record<string, string>): HostileRequest;
	/** Status for a body that cannot be parsed although its credentials are correct where the platform can tell. */
	malformedStatus: number;
	/** Corrects a generic expectation where the platform's contract differs (e.g. form bodies are valid). */
	adjust?(entry: HostileCase): HostileCase;
}

/** Cases every trigger gets: broken bodies, content types, encodings, sizes, unicode texts, duplicates. */
export function genericCases(hooks: GenericHooks): HostileCase[] {
	const cases: HostileCase[] = [];
	const id = (category: string, detail: string | number) => `${hooks.name}/${category}/${detail}`;
	const marker = () => `m-${randomUUID()}`;

	INVALID_JSON.forEach((text, index) =>
		cases.push({
			id: id('invalid-json', index),
			category: 'invalid-json',
			request: hooks.authorize(utf8(text), JSON_HEADERS),
			status: hooks.malformedStatus,
			executes: false,
			message: /not valid JSON|must be a JSON object|is empty/,
		}),
	);
	NON_OBJECT_JSON.forEach((text) =>
		cases.push({
			id: id('non-object-json', text),
			category: 'non-object-json',
			request: hooks.authorize(utf8(text), JSON_HEADERS),
			status: 400,
			executes: false,
			message: /must be a JSON object|is empty/,
		}),
	);
	EMPTY_BODIES.forEach((text, index) =>
		cases.push({
			id: id('empty-body', index),
			category: 'empty-body',
			request: hooks.authorize(utf8(text), JSON_HEADERS),
			status: 400,
			executes: false,
			message: /is empty/,
		}),
	);
	cases.push({
		id: id('empty-body', 'no-content-type'),
		category: 'empty-body',
		request: hooks.authorize(Buffer.alloc(0), {}),
		status: 400,
		executes: false,
		message: /is empty/,
	});

	// The triggers read JSON whatever the declared content type (platforms are loose about it) ...
	for (const type of [
		'text/plain',
		'application/xml',
		'application/octet-stream',
		'application/x-www-form-urlencoded',
		'multipart/form-data; boundary=xyz',
		'application/json; charset=utf-8',
		'APPLICATION/JSON',
		'application/vnd.api+json',
	]) {
		const m = marker();
		cases.push({
			id: id('content-type', type),
			category: 'content-type',
			request: hooks.authorize(jsonBytes(hooks.payload(m, `content type ${type}`)), { 'content-type': type }),
			status: 200,
			executes: true,
			marker: m,
			text: `content type ${type}`,
		});
	}
	{
		const m = marker();
		cases.push({
			id: id('content-type', 'none'),
			category: 'content-type',
			request: hooks.authorize(jsonBytes(hooks.payload(m, 'no content type')), {}),
			status: 200,
			executes: true,
			marker: m,
			text: 'no content type',
		});
	}
	// ... but bodies in another encoding are refused.
	const formMarker = marker();
	const form = new URLSearchParams(hooks.payload(formMarker, 'form') as Record<string, string>).toString();
	const other: Array<[string, string, string]> = [
		['form-urlencoded', form, 'application/x-www-form-urlencoded'],
		['xml', '<?xml version="1.0"?><message><text>x</text></message>', 'application/xml'],
		['multipart', '--xyz\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi\r\n--xyz--\r\n', 'multipart/form-data; boundary=xyz'],
		['yaml', 'type: message\ntext: hi\n', 'application/yaml'],
	];
	for (const [name, body, type] of other) {
		cases.push({
			id: id('other-encoding', name),
			category: 'other-encoding',
			request: hooks.authorize(utf8(body), { 'content-type': type }),
			status: hooks.malformedStatus,
			executes: false,
			message: /not valid JSON/,
			...(name === 'form-urlencoded' ? { marker: formMarker, text: 'form' } : {}),
		});
	}

	// Compressed bodies: n8n inflates gzip; broken gzip is unreadable.
	{
		const m = marker();
		const plain = jsonBytes(hooks.payload(m, 'gzip body'));
		const request = hooks.authorize(plain, { ...JSON_HEADERS });
		cases.push({
			id: id('encoding', 'gzip'),
			category: 'encoding',
			request: { ...request, body: gzipSync(plain), headers: { ...request.headers, 'content-encoding': 'gzip' } },
			status: 200,
			executes: true,
			marker: m,
			text: 'gzip body',
		});
		cases.push({
			id: id('encoding', 'broken-gzip'),
			category: 'encoding',
			request: { ...request, headers: { ...request.headers, 'content-encoding': 'gzip' } },
			status: 400,
			executes: false,
			message: /could not be read/,
		});
	}

	for (const [name, body, headers] of oversized((text) => jsonBytes(hooks.payload(marker(), text)))) {
		const request = hooks.authorize(body, { ...JSON_HEADERS, ...headers });
		cases.push({
			id: id('oversized', name),
			category: 'oversized',
			request,
			status: 413,
			executes: false,
			message: /too large/,
		});
	}
	{
		// Just under the limit is still fine.
		const m = marker();
		const text = 'z'.repeat(900_000);
		cases.push({
			id: id('oversized', 'just-under-limit'),
			category: 'oversized',
			request: hooks.authorize(jsonBytes(hooks.payload(m, text)), JSON_HEADERS),
			status: 200,
			executes: true,
			marker: m,
			text,
		});
	}

	for (const [name, text] of HOSTILE_TEXTS) {
		const m = marker();
		cases.push({
			id: id('unicode', name),
			category: 'unicode',
			request: hooks.authorize(jsonBytes(hooks.payload(m, text)), JSON_HEADERS),
			status: 200,
			executes: true,
			marker: m,
			text: name === 'lone-surrogate' ? undefined : text,
		});
	}
	{
		// Bytes that are not UTF-8 inside a string: read as U+FFFD.
		const m = marker();
		const body = jsonBytes(hooks.payload(m, 'AAAA'));
		const at = body.indexOf('AAAA');
		body[at + 1] = 0xff;
		body[at + 2] = 0xc3;
		cases.push({
			id: id('unicode', 'invalid-utf8-bytes'),
			category: 'unicode',
			request: hooks.authorize(body, JSON_HEADERS),
			status: 200,
			executes: true,
			marker: m,
			text: 'A\uFFFD\uFFFDA',
		});
	}
	{
		// Keys that could pollute prototypes are plain data.
		const m = marker();
		const payload = hooks.payload(m, 'prototype keys');
		const text = JSON.stringify(payload).replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},');
		cases.push({
			id: id('unicode', 'prototype-keys'),
			category: 'unicode',
			request: hooks.authorize(utf8(text), JSON_HEADERS),
			status: 200,
			executes: true,
			marker: m,
			text: 'prototype keys',
		});
	}

	// Duplicate deliveries: no platform gives a delivery id the trigger could de-duplicate on, so each one runs.
	{
		const m = marker();
		const request = hooks.authorize(jsonBytes(hooks.payload(m, 'delivered three times')), JSON_HEADERS);
		for (let i = 1; i <= 3; i++) {
			cases.push({
				id: id('duplicate', i),
				category: 'duplicate',
				request,
				status: 200,
				executes: true,
				marker: m,
				text: 'delivered three times',
			});
		}
	}
	return hooks.adjust ? cases.map((entry) => hooks.adjust!(entry)) : cases;
}

// ---------------------------------------------------------------------------------------------------------
// BRIX: token in the JSON body; 400 malformed, 401 token, 404 unknown channel, 200 unknown type (docs/brix.md)

export function brixAdapter(options: { token: string; otherSecret: string; channelId: string }): TriggerAdapter {
	const { token, channelId } = options;
	const message = (marker: string, text = 'hello', extra: Record<string, unknown> = {}) => ({
		type: 'message',
		channelId,
		data: { targetChatId: marker, text, ...extra },
	});
	const withToken = (body: Record<string, unknown>, value: unknown = token) => ({ token: value, ...body });
	const post = (body: Buffer, headers: Record<string, string> = JSON_HEADERS): HostileRequest => ({
		method: 'POST',
		headers,
		body,
	});
	const name = 'brixTrigger';
	const id = (category: string, detail: string | number) => `${name}/${category}/${detail}`;

	return {
		trigger: name,
		secrets: [token, options.otherSecret],
		valid: (marker, text) => post(jsonBytes(withToken(message(marker, text)))),
		cases() {
			const cases = genericCases({
				name,
				payload: (marker, text) => withToken(message(marker, text)),
				authorize: (body, headers) => post(body, headers),
				malformedStatus: 400,
			});
			const reject = (category: string, detail: string | number, body: unknown, status: number, messageRe: RegExp, echo?: string[]) =>
				cases.push({
					id: id(category, detail),
					category,
					request: post(typeof body === 'string' ? utf8(body) : jsonBytes(body)),
					status,
					executes: false,
					message: messageRe,
					mustNotEcho: echo,
				});

			// Wrong field types.
			const typeCases: Array<[string, Record<string, unknown>]> = [
				['targetChatId-object', { data: { targetChatId: { id: 1 }, text: 'x' } }],
				['targetChatId-array', { data: { targetChatId: ['a'], text: 'x' } }],
				['targetChatId-bool', { data: { targetChatId: true, text: 'x' } }],
				['targetChatId-null', { data: { targetChatId: null, text: 'x' } }],
				['targetChatId-empty', { data: { targetChatId: '', text: 'x' } }],
				['data-string', { data: 'hello' }],
				['data-array', { data: [{ targetChatId: 'a' }] }],
				['data-null', { data: null }],
				['text-number', { data: { targetChatId: 'a', text: 42 } }],
				['text-object', { data: { targetChatId: 'a', text: { t: 'x' } } }],
				['files-string', { data: { targetChatId: 'a', files: 'http://x/y.png' } }],
				['files-without-url', { data: { targetChatId: 'a', files: [{ name: 'a.png' }] } }],
				['files-url-number', { data: { targetChatId: 'a', files: [{ URL: 5 }] } }],
				['channelId-object', { channelId: { id: channelId }, data: { targetChatId: 'a' } }],
			];
			for (const [detail, patch] of typeCases) {
				reject('wrong-type', detail, withToken({ type: 'message', channelId, ...patch }), 400, /body\./);
			}
			reject('wrong-type', 'type-number', withToken({ type: 1, channelId, data: {} }), 400, /body\.type must be a string/);
			reject('wrong-type', 'type-array', withToken({ type: ['message'], channelId, data: {} }), 400, /body\.type must be a string/);
			reject('wrong-type', 'type-object', withToken({ type: { v: 'message' }, channelId, data: {} }), 400, /body\.type must be a string/);
			reject('wrong-type', 'success-word', withToken({ type: 'messageOutcome', channelId, data: { success: 'yes', messageId: 'a' } }), 400, /success/);
			reject('wrong-type', 'success-number', withToken({ type: 'messageOutcome', channelId, data: { success: 1, messageId: 'a' } }), 400, /success/);

			// Missing required fields.
			const missing: Array<[string, Record<string, unknown>, RegExp]> = [
				['type', { channelId, data: { targetChatId: 'a' } }, /body\.type is missing/],
				['connect-webhook', { type: 'connect', channelId, data: {} }, /webhook/],
				['connect-data', { type: 'connect', channelId }, /data/],
				['message-targetChatId', { type: 'message', channelId, data: { text: 'x' } }, /targetChatId/],
				['message-data', { type: 'message', channelId }, /data/],
				['outcome-success', { type: 'messageOutcome', channelId, data: { messageId: 'a' } }, /success/],
				['outcome-messageId', { type: 'messageOutcome', channelId, data: { success: true } }, /messageId/],
				['userInfo-userId', { type: 'userInfo', channelId, data: {} }, /userId/],
				['markAsRead-messageId', { type: 'markAsRead', channelId, data: {} }, /messageId/],
				['markAsRead-data', { type: 'markAsRead', channelId }, /data/],
			];
			for (const [detail, body, re] of missing) reject('missing-field', detail, withToken(body), 400, re);

			// Unknown event types: the contract wants 200 for every request; they start nothing.
			for (const type of ['Message', 'MESSAGE', 'message ', 'foo', '__proto__', 'constructor', 'toString', 'x'.repeat(5000)]) {
				reject('unknown-event', type.slice(0, 20), withToken({ type, channelId, data: {} }), 200, /success/);
			}
			reject('unknown-event', 'empty', withToken({ type: '', channelId, data: {} }), 400, /body\.type is missing/);

			// Channels outside the allow-list.
			for (const other of ['0af45efc-cc67-4b60-9e3f-121966ba9f30', `${channelId} `, channelId.toUpperCase()]) {
				reject('unknown-channel', other, withToken({ ...message('x'), channelId: other }), 404, /does not exist here/);
			}

			// Tokens: missing, wrong, near misses, wrong types, in the wrong place.
			reject('token', 'missing', message('x'), 401, /Token does not match/);
			reject('token', 'null', withToken(message('x'), null), 401, /Token does not match/);
			for (const [detail, value] of secretVariants(token)) {
				reject('token', detail, withToken(message('x'), value), 401, /Token does not match/, value.length > 3 ? [value] : undefined);
			}
			reject('token', 'other-secret', withToken(message('x'), options.otherSecret), 401, /Token does not match/, [options.otherSecret]);
			reject('token', 'number', withToken(message('x'), 12345), 401, /Token does not match/);
			reject('token', 'array', withToken(message('x'), [token]), 401, /Token does not match/);
			reject('token', 'object', withToken(message('x'), { value: token }), 401, /Token does not match/);
			reject('token', 'true', withToken(message('x'), true), 401, /Token does not match/);
			reject('token', 'sha256-of-token', withToken(message('x'), createHash('sha256').update(token).digest('hex')), 401, /Token does not match/);
			cases.push({
				id: id('token', 'in-header'),
				category: 'token',
				request: post(jsonBytes(message('x')), { ...JSON_HEADERS, authorization: `Bearer ${token}`, 'x-token': token }),
				status: 401,
				executes: false,
				message: /Token does not match/,
			});
			cases.push({
				id: id('token', 'in-query'),
				category: 'token',
				request: { ...post(jsonBytes(message('x'))), query: `token=${encodeURIComponent(token)}` },
				status: 401,
				executes: false,
				message: /Token does not match/,
			});
			// Checked before the shape: a wrong token with a broken shape is still 401.
			reject('token', 'wrong-and-malformed', withToken({ type: 'nope' }, `${token}x`), 401, /Token does not match/);

			// Replays: the token is static, a replayed request is indistinguishable from a retry and is accepted.
			{
				const marker = `m-${randomUUID()}`;
				const replayed = post(jsonBytes(withToken(message(marker, 'replayed'))));
				for (let i = 1; i <= 2; i++) {
					cases.push({ id: id('replay', i), category: 'replay', request: replayed, status: 200, executes: true, marker, text: 'replayed' });
				}
			}
			return cases;
		},
	};
}

// ---------------------------------------------------------------------------------------------------------
// UChat: X-Hub-Signature-256 over the raw body; 401 signature, 400 malformed, 403/400 verification (docs/uchat.md)

export function uchatSignature(body: Buffer, key: string): string {
	return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}

export function uchatAdapter(options: { verificationKey: string }): TriggerAdapter {
	const key = options.verificationKey;
	const name = 'uChatTrigger';
	const id = (category: string, detail: string | number) => `${name}/${category}/${detail}`;
	const message = (marker: string, text = 'hello', extra: Record<string, unknown> = {}) => ({
		sender_id: 'contact-42',
		conv_id: marker,
		text,
		type: 'text',
		message_type: 'outgoing',
		private: false,
		...extra,
	});
	const signed = (body: Buffer, headers: Record<string, string> = JSON_HEADERS): HostileRequest => ({
		method: 'POST',
		headers: { ...headers, 'x-hub-signature-256': uchatSignature(body, key) },
		body,
	});
	const withSignature = (body: Buffer, signature: string | undefined): HostileRequest => ({
		method: 'POST',
		headers: { ...JSON_HEADERS, ...(signature === undefined ? {} : { 'x-hub-signature-256': signature }) },
		body,
	});

	return {
		trigger: name,
		secrets: [key],
		valid: (marker, text) => signed(jsonBytes(message(marker, text))),
		cases() {
			const cases = genericCases({
				name,
				payload: (marker, text) => message(marker, text),
				authorize: (body, headers) => signed(body, headers),
				malformedStatus: 400,
			});
			const push = (category: string, detail: string | number, request: HostileRequest, status: number, re?: RegExp, extra: Partial<HostileCase> = {}) =>
				cases.push({ id: id(category, detail), category, request, status, executes: false, message: re, ...extra });

			// Broken bodies without a valid signature are refused for the signature first.
			INVALID_JSON.slice(0, 10).forEach((text, index) =>
				push('invalid-json-unsigned', index, withSignature(utf8(text), undefined), 401, /X-Hub-Signature-256/),
			);

			// Wrong field types and missing fields (correctly signed).
			const shapes: Array<[string, Record<string, unknown>, RegExp]> = [
				['sender_id-object', message('a', 'x', { sender_id: { id: 1 } }), /sender_id/],
				['sender_id-bool', message('a', 'x', { sender_id: true }), /sender_id/],
				['sender_id-null', message('a', 'x', { sender_id: null }), /sender_id/],
				['sender_id-array', message('a', 'x', { sender_id: ['a'] }), /sender_id/],
				['sender_id-empty', message('a', 'x', { sender_id: '' }), /sender_id/],
				['conv_id-object', message('a', 'x', { conv_id: { id: 1 } }), /conv_id/],
				['conv_id-bool', message('a', 'x', { conv_id: false }), /conv_id/],
				['conv_id-null', message('a', 'x', { conv_id: null }), /conv_id/],
				['text-number', message('a', 'x', { text: 7 }), /text/],
				['text-array', message('a', 'x', { text: ['x'] }), /text/],
				['content_attributes-string', message('a', 'x', { content_attributes: 'buttons' }), /content_attributes/],
				['buttons-object', message('a', 'x', { content_attributes: { buttons: { a: 1 } } }), /buttons/],
				['items-string', message('a', 'x', { content_attributes: { items: 'cards' } }), /items/],
				['private-object', message('a', 'x', { private: { v: true } }), /private/],
				['url-number', message('a', 'x', { url: 5 }), /url/],
			];
			for (const [detail, body, re] of shapes) push('wrong-type', detail, signed(jsonBytes(body)), 400, re);
			const missing: Array<[string, Record<string, unknown>, RegExp]> = [
				['sender_id', { conv_id: 'a', text: 'x' }, /sender_id/],
				['conv_id', { sender_id: 'a', text: 'x' }, /conv_id/],
				['both', { text: 'x' }, /sender_id|conv_id/],
				['everything', {}, /sender_id|conv_id/],
			];
			for (const [detail, body, re] of missing) push('missing-field', detail, signed(jsonBytes(body)), 400, re);

			// UChat has no event types: unknown message types are data and pass through.
			for (const type of ['banana', '', '__proto__', 'x'.repeat(3000)]) {
				const marker = `m-${randomUUID()}`;
				cases.push({
					id: id('unknown-event', type.slice(0, 20) || 'empty'),
					category: 'unknown-event',
					request: signed(jsonBytes(message(marker, `type ${type.length}`, { type }))),
					status: 200,
					executes: true,
					marker,
					text: `type ${type.length}`,
				});
			}

			// Signatures.
			const body = jsonBytes(message('never', 'signed wrongly'));
			const right = uchatSignature(body, key);
			const hex = right.slice('sha256='.length);
			push('signature', 'missing', withSignature(body, undefined), 401, /X-Hub-Signature-256/);
			// Header values: HTTP trims surrounding whitespace and forbids NUL, so those variants cannot be sent.
			const unsendable = new Set(['uppercase', 'leading-space', 'trailing-space', 'trailing-nul']);
			for (const [detail, value] of secretVariants(right)) {
				if (unsendable.has(detail)) continue; // uppercase hex digits are accepted (below)
				push('signature', detail, withSignature(body, value), 401, /X-Hub-Signature-256/, { mustNotEcho: [right] });
			}
			push('signature', 'hex-without-prefix', withSignature(body, hex), 401, /X-Hub-Signature-256/);
			push('signature', 'sha1', withSignature(body, `sha1=${createHmac('sha1', key).update(body).digest('hex')}`), 401, /X-Hub-Signature-256/);
			push('signature', 'prefix-only', withSignature(body, 'sha256='), 401, /X-Hub-Signature-256/);
			push('signature', 'other-body', withSignature(body, uchatSignature(jsonBytes(message('other')), key)), 401, /X-Hub-Signature-256/);
			push('signature', 'body-plus-newline', withSignature(Buffer.concat([body, utf8('\n')]), right), 401, /X-Hub-Signature-256/);
			push('signature', 'reserialized-body', withSignature(utf8(JSON.stringify(JSON.parse(body.toString()), null, 1)), right), 401, /X-Hub-Signature-256/);
			for (const [detail, wrongKey] of secretVariants(key)) {
				// HMAC pads short keys with zero bytes, so key + NUL signs exactly like the key (not a weakness:
				// it still takes the key).
				if (wrongKey === '' || detail === 'trailing-nul') continue;
				push('signature', `key-${detail}`, withSignature(body, uchatSignature(body, wrongKey)), 401, /X-Hub-Signature-256/, {
					mustNotEcho: wrongKey.length > 3 ? [wrongKey] : undefined,
				});
			}
			push('signature', 'key-empty', withSignature(body, uchatSignature(body, '')), 401, /X-Hub-Signature-256/);
			push('signature', 'key-as-signature', withSignature(body, key), 401, /X-Hub-Signature-256/);
			push('signature', 'in-query', { ...withSignature(body, undefined), query: `signature=${encodeURIComponent(right)}` }, 401, /X-Hub-Signature-256/);
			{
				const marker = `m-${randomUUID()}`;
				const upper = jsonBytes(message(marker, 'uppercase hex'));
				cases.push({
					id: id('signature', 'uppercase-hex-accepted'),
					category: 'signature',
					request: withSignature(upper, `sha256=${uchatSignature(upper, key).slice(7).toUpperCase()}`),
					status: 200,
					executes: true,
					marker,
					text: 'uppercase hex',
				});
			}

			// Replays: the contract has no timestamp or nonce, so a replayed signed body is accepted ...
			{
				const marker = `m-${randomUUID()}`;
				const replayed = signed(jsonBytes(message(marker, 'replayed')));
				for (let i = 1; i <= 2; i++) {
					cases.push({ id: id('replay', i), category: 'replay', request: replayed, status: 200, executes: true, marker, text: 'replayed' });
				}
				// ... but its signature does not carry over to a changed body.
				const changed = jsonBytes(message(marker, 'replayed and changed'));
				push('replay', 'changed-body', { ...replayed, body: changed }, 401, /X-Hub-Signature-256/);
			}

			// Verification handshake (GET, or hub_* in the body): 403 for a wrong token or mode, 400 without challenge.
			const get = (query: string): HostileRequest => ({ method: 'GET', headers: {}, query });
			const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
			cases.push({
				id: id('verification', 'correct'),
				category: 'verification',
				request: get(q({ hub_mode: 'subscribe', hub_verify_token: key, hub_challenge: 'challenge-123' })),
				status: 200,
				executes: false,
				exactBody: 'challenge-123',
			});
			cases.push({
				id: id('verification', 'html-challenge-is-text'),
				category: 'verification',
				request: get(q({ hub_mode: 'subscribe', hub_verify_token: key, hub_challenge: '<script>alert(1)</script>' })),
				status: 200,
				executes: false,
				exactBody: '<script>alert(1)</script>',
			});
			for (const [detail, value] of secretVariants(key)) {
				push('verification', `token-${detail}`, get(q({ hub_mode: 'subscribe', hub_verify_token: value, hub_challenge: 'c' })), 403, /hub_verify_token/, {
					mustNotEcho: value.length > 3 ? [value] : undefined,
				});
			}
			push('verification', 'token-missing', get(q({ hub_mode: 'subscribe', hub_challenge: 'c' })), 403, /hub_verify_token/);
			push('verification', 'mode-unsubscribe', get(q({ hub_mode: 'unsubscribe', hub_verify_token: key, hub_challenge: 'c' })), 403, /hub_mode/);
			push('verification', 'mode-empty', get(q({ hub_mode: '', hub_verify_token: key, hub_challenge: 'c' })), 403, /hub_mode/);
			push('verification', 'challenge-missing', get(q({ hub_mode: 'subscribe', hub_verify_token: key })), 400, /hub_challenge/);
			push('verification', 'not-a-verification', get('foo=bar'), 400, /verification requests/);
			push('verification', 'no-query', get(''), 400, /verification requests/);
			push(
				'verification',
				'post-body-wrong-token',
				{ method: 'POST', headers: JSON_HEADERS, body: jsonBytes({ hub_mode: 'subscribe', hub_verify_token: `${key}x`, hub_challenge: 'c' }) },
				403,
				/hub_verify_token/,
			);
			return cases;
		},
	};
}

// ---------------------------------------------------------------------------------------------------------
// BonyChat / respond.io Custom Channel: Authorization: Bearer <API token>; 401 token, 400 body (docs/bonychat.md)

export function bonyChatAdapter(options: { apiToken: string }): TriggerAdapter {
	const token = options.apiToken;
	const name = 'bonyChatTrigger';
	const id = (category: string, detail: string | number) => `${name}/${category}/${detail}`;
	const message = (marker: string, text = 'hello', patch: Record<string, unknown> = {}) => ({
		channelId: 'gfd8g7fd89dgfd',
		contactId: marker,
		message: { type: 'text', text },
		...patch,
	});
	/** `authorization: null` sends no Authorization header. */
	const withAuth = (body: Buffer, headers: Record<string, string> = JSON_HEADERS, authorization: string | null = `Bearer ${token}`): HostileRequest => ({
		method: 'POST',
		headers: { ...headers, ...(authorization === null ? {} : { authorization }) },
		body,
	});

	return {
		trigger: name,
		secrets: [token],
		valid: (marker, text) => withAuth(jsonBytes(message(marker, text))),
		cases() {
			const cases = genericCases({
				name,
				payload: (marker, text) => message(marker, text),
				authorize: (body, headers) => withAuth(body, headers),
				malformedStatus: 400,
			});
			const push = (category: string, detail: string | number, request: HostileRequest, status: number, re?: RegExp, extra: Partial<HostileCase> = {}) =>
				cases.push({ id: id(category, detail), category, request, status, executes: false, message: re, ...extra });
			const bad = (category: string, detail: string, body: Record<string, unknown>, re: RegExp) =>
				push(category, detail, withAuth(jsonBytes(body)), 400, re);

			// Broken bodies without the token are refused for the token first.
			INVALID_JSON.slice(0, 8).forEach((text, index) =>
				push('invalid-json-unauthorized', index, withAuth(utf8(text), JSON_HEADERS, null), 401, /Authorization/),
			);

			// Wrong field types.
			bad('wrong-type', 'contactId-object', message('a', 'x', { contactId: { id: 1 } }), /contactId/);
			bad('wrong-type', 'contactId-bool', message('a', 'x', { contactId: true }), /contactId/);
			bad('wrong-type', 'contactId-null', message('a', 'x', { contactId: null }), /contactId/);
			bad('wrong-type', 'contactId-array', message('a', 'x', { contactId: ['a'] }), /contactId/);
			bad('wrong-type', 'contactId-empty', message('a', 'x', { contactId: '' }), /contactId/);
			bad('wrong-type', 'contactId-blank', message('a', 'x', { contactId: '   ' }), /contactId/);
			bad('wrong-type', 'message-string', message('a', 'x', { message: 'hello' }), /message/);
			bad('wrong-type', 'message-array', message('a', 'x', { message: [{ type: 'text', text: 'x' }] }), /message/);
			bad('wrong-type', 'message-null', message('a', 'x', { message: null }), /message/);
			bad('wrong-type', 'text-number', message('a', 'x', { message: { type: 'text', text: 5 } }), /text/);
			bad('wrong-type', 'text-object', message('a', 'x', { message: { type: 'text', text: { t: 1 } } }), /text/);
			bad('wrong-type', 'type-number', message('a', 'x', { message: { type: 1, text: 'x' } }), /type/);
			bad('wrong-type', 'attachment-url-empty', message('a', 'x', { message: { type: 'attachment', attachment: { type: 'image', url: '' } } }), /url/);
			bad('wrong-type', 'attachment-kind', message('a', 'x', { message: { type: 'attachment', attachment: { type: 'gif', url: 'https://x/y.gif' } } }), /type/);
			bad('wrong-type', 'attachment-string', message('a', 'x', { message: { type: 'attachment', attachment: 'https://x/y.png' } }), /attachment/);
			bad('wrong-type', 'latitude-91', message('a', 'x', { message: { type: 'location', latitude: 91, longitude: 0 } }), /latitude/);
			bad('wrong-type', 'longitude-181', message('a', 'x', { message: { type: 'location', latitude: 0, longitude: -181 } }), /longitude/);
			bad('wrong-type', 'latitude-word', message('a', 'x', { message: { type: 'location', latitude: 'north', longitude: 0 } }), /latitude/);
			bad('wrong-type', 'replies-empty', message('a', 'x', { message: { type: 'quick_reply', title: 't', replies: [] } }), /replies/);
			bad('wrong-type', 'replies-numbers', message('a', 'x', { message: { type: 'quick_reply', title: 't', replies: [1, 2] } }), /replies/);

			// Missing required fields.
			bad('missing-field', 'contactId', { channelId: 'c', message: { type: 'text', text: 'x' } }, /contactId/);
			bad('missing-field', 'message', { channelId: 'c', contactId: 'a' }, /message/);
			bad('missing-field', 'message-type', message('a', 'x', { message: { text: 'x' } }), /type/);
			bad('missing-field', 'text', message('a', 'x', { message: { type: 'text' } }), /text/);
			bad('missing-field', 'attachment', message('a', 'x', { message: { type: 'attachment' } }), /attachment/);
			bad('missing-field', 'attachment-url', message('a', 'x', { message: { type: 'attachment', attachment: { type: 'image' } } }), /url/);
			bad('missing-field', 'latitude', message('a', 'x', { message: { type: 'location', longitude: 1 } }), /latitude/);
			bad('missing-field', 'quick-reply-title', message('a', 'x', { message: { type: 'quick_reply', replies: ['a'] } }), /title/);
			bad('missing-field', 'everything', {}, /contactId|message/);

			// Unknown message types.
			for (const type of ['sticker', 'TEXT', 'text ', '__proto__', 'x'.repeat(3000), '']) {
				bad('unknown-event', type.slice(0, 20) || 'empty', message('a', 'x', { message: { type, text: 'x' } }), /type/);
			}

			// Tokens.
			push('token', 'missing', withAuth(jsonBytes(message('x')), JSON_HEADERS, null), 401, /Authorization/);
			const unsendable = new Set(['leading-space', 'trailing-space', 'trailing-nul', 'empty']);
			for (const [detail, value] of secretVariants(token)) {
				if (unsendable.has(detail)) continue;
				push('token', detail, withAuth(jsonBytes(message('x')), JSON_HEADERS, `Bearer ${value}`), 401, /Authorization/, {
					mustNotEcho: value.length > 3 ? [value] : undefined,
				});
			}
			push('token', 'bearer-only', withAuth(jsonBytes(message('x')), JSON_HEADERS, 'Bearer'), 401, /Authorization/);
			push('token', 'bearer-empty', withAuth(jsonBytes(message('x')), JSON_HEADERS, 'Bearer '), 401, /Authorization/);
			push('token', 'no-scheme', withAuth(jsonBytes(message('x')), JSON_HEADERS, token), 401, /Authorization/);
			push('token', 'basic-scheme', withAuth(jsonBytes(message('x')), JSON_HEADERS, `Basic ${Buffer.from(`user:${token}`).toString('base64')}`), 401, /Authorization/);
			push('token', 'token-scheme', withAuth(jsonBytes(message('x')), JSON_HEADERS, `Token ${token}`), 401, /Authorization/);
			push('token', 'bearer-quoted', withAuth(jsonBytes(message('x')), JSON_HEADERS, `Bearer "${token}"`), 401, /Authorization/);
			push('token', 'two-tokens', withAuth(jsonBytes(message('x')), JSON_HEADERS, `Bearer ${token} ${token}`), 401, /Authorization/);
			push('token', 'in-query', { ...withAuth(jsonBytes(message('x')), JSON_HEADERS, null), query: `token=${token}` }, 401, /Authorization/);
			push('token', 'in-body', withAuth(jsonBytes({ ...message('x'), token }), JSON_HEADERS, null), 401, /Authorization/);
			push('token', 'in-other-header', withAuth(jsonBytes(message('x')), { ...JSON_HEADERS, 'x-api-token': token }, null), 401, /Authorization/);
			{
				// The scheme is case-insensitive (RFC 9110).
				const marker = `m-${randomUUID()}`;
				cases.push({
					id: id('token', 'lowercase-scheme-accepted'),
					category: 'token',
					request: withAuth(jsonBytes(message(marker, 'lowercase bearer')), JSON_HEADERS, `bearer ${token}`),
					status: 200,
					executes: true,
					marker,
					text: 'lowercase bearer',
				});
			}

			// Replays: the token is static.
			{
				const marker = `m-${randomUUID()}`;
				const replayed = withAuth(jsonBytes(message(marker, 'replayed')));
				for (let i = 1; i <= 2; i++) {
					cases.push({ id: id('replay', i), category: 'replay', request: replayed, status: 200, executes: true, marker, text: 'replayed' });
				}
			}
			return cases;
		},
	};
}

// ---------------------------------------------------------------------------------------------------------
// Selarti: ?secret=<Webhook Secret> in the URL (Selarti does not sign); JSON or form bodies (docs/selarti.md)

export function selartiAdapter(options: { secret: string }): TriggerAdapter {
	const secret = options.secret;
	const name = 'selartiTrigger';
	const id = (category: string, detail: string | number) => `${name}/${category}/${detail}`;
	const hook = (marker: string, text = 'hello', patch: Record<string, unknown> = {}) => ({
		wh_type: 'all_messages',
		message_type: 'bot',
		message_text: text,
		message_id: `1721130000000x${marker.slice(2, 10)}`,
		external_chat_id: marker,
		channel_id: '1721129000000x222222222222222222',
		title: 'Ivan Petrov',
		...patch,
	});
	const q = (value: string | null) => (value === null ? '' : `secret=${encodeURIComponent(value)}`);
	/** `value: null` sends no secret. */
	const withSecret = (body: Buffer, headers: Record<string, string> = JSON_HEADERS, value: string | null = secret): HostileRequest => ({
		method: 'POST',
		headers,
		body,
		query: q(value),
	});

	return {
		trigger: name,
		secrets: [secret],
		// Deliveries whose external_chat_id is unusable carry the marker as thread_id too.
		markerOf: (item) => String(item.chatId ?? (item.selarti as { threadId?: string } | undefined)?.threadId),
		valid: (marker, text) => withSecret(jsonBytes(hook(marker, text))),
		cases() {
			const cases = genericCases({
				name,
				payload: (marker, text) => hook(marker, text),
				authorize: (body, headers) => withSecret(body, headers),
				malformedStatus: 400,
				adjust(entry) {
					// Selarti may post urlencoded forms: a form body is a valid delivery, and a JSON body labelled
					// as a form is a form without any documented field.
					if (entry.id.endsWith('/other-encoding/form-urlencoded')) {
						return { ...entry, status: 200, executes: true, message: undefined };
					}
					if (entry.id.endsWith('/content-type/application/x-www-form-urlencoded')) {
						return { ...entry, status: 400, executes: false, marker: undefined, text: undefined, message: /neither message_text nor any id/ };
					}
					return entry;
				},
			});
			const push = (category: string, detail: string | number, request: HostileRequest, status: number, re?: RegExp, extra: Partial<HostileCase> = {}) =>
				cases.push({ id: id(category, detail), category, request, status, executes: false, message: re, ...extra });
			const bad = (category: string, detail: string, body: Record<string, unknown>, re: RegExp) =>
				push(category, detail, withSecret(jsonBytes(body)), 400, re);

			INVALID_JSON.slice(0, 8).forEach((text, index) =>
				push('invalid-json-unauthorized', index, withSecret(utf8(text), JSON_HEADERS, null), 401, /secret/),
			);

			// Fields in formats the node does not expect are delivered: the odd value is left out of the item (or
			// read as author "other") and kept in raw. Selarti does not publish the formats; a refusal loses an answer.
			const odd = (detail: string, patch: Record<string, unknown>, text?: string) => {
				const marker = `m-${randomUUID()}`;
				const body = { ...hook(marker, text ?? `odd ${detail}`, patch), thread_id: marker };
				cases.push({ id: id('odd-format', detail), category: 'odd-format', request: withSecret(jsonBytes(body)), status: 200, executes: true, marker, text });
			};
			odd('message_text-object', { message_text: { t: 1 } });
			odd('message_text-array', { message_text: ['x'] });
			odd('external_chat_id-object', { external_chat_id: { id: 1 } }, 'odd chat object');
			odd('external_chat_id-bool', { external_chat_id: true }, 'odd chat bool');
			odd('message_id-array', { message_id: [1] }, 'odd message id');
			odd('wh_type-number', { wh_type: 7 }, 'odd wh_type');
			odd('message_type-object', { message_type: { v: 'bot' } }, 'odd message type');
			odd('message_type-unknown', { message_type: 'system' }, 'unknown message type');
			odd('title-array', { title: ['Ivan'] }, 'odd title');
			odd('close-maybe', { close: 'maybe' }, 'odd close');
			odd('is_bot-2', { is_bot: 2 }, 'odd is_bot');
			odd('operator-object', { operator: { v: true } }, 'odd operator');
			odd('success-array', { success: ['yes'] }, 'odd success');
			odd('share_url-number', { share_url: 5 }, 'odd share_url');

			// Neither text nor any id.
			bad('missing-field', 'everything', {}, /neither message_text nor any id/);
			bad('missing-field', 'only-unknown', { foo: 'bar', text: 'hi', chat: 'x' }, /neither message_text nor any id/);
			bad('missing-field', 'only-null', { unknown: null, other: 1 }, /neither message_text nor any id/);
			bad('missing-field', 'no-usable-value', { message_text: { t: 1 }, external_chat_id: ['x'], title: 'Ivan' }, /neither message_text nor any id/);

			// Unknown webhook types are data (the Webhook Types filter is empty), filtered authors are skipped.
			for (const type of ['banana', '__proto__', 'x'.repeat(3000)]) {
				const marker = `m-${randomUUID()}`;
				cases.push({
					id: id('unknown-event', type.slice(0, 20)),
					category: 'unknown-event',
					request: withSecret(jsonBytes(hook(marker, `wh_type ${type.length}`, { wh_type: type }))),
					status: 200,
					executes: true,
					marker,
					text: `wh_type ${type.length}`,
				});
			}
			push('filtered', 'user-message-skipped', withSecret(jsonBytes(hook('skipped-user', 'mine', { message_type: 'user' }))), 200);

			// Secrets.
			push('secret', 'missing', withSecret(jsonBytes(hook('x')), JSON_HEADERS, null), 401, /secret/);
			for (const [detail, value] of secretVariants(secret)) {
				push('secret', detail, withSecret(jsonBytes(hook('x')), JSON_HEADERS, value), 401, /secret/, {
					mustNotEcho: value.length > 3 ? [value] : undefined,
				});
			}
			push('secret', 'wrong-name', { ...withSecret(jsonBytes(hook('x'))), query: `token=${secret}` }, 401, /secret/);
			push('secret', 'repeated-wrong-first', { ...withSecret(jsonBytes(hook('x'))), query: `secret=nope&secret=${secret}` }, 401, /secret/);
			push('secret', 'in-header', withSecret(jsonBytes(hook('x')), { ...JSON_HEADERS, authorization: `Bearer ${secret}`, 'x-secret': secret }, null), 401, /secret/);
			push('secret', 'in-body', withSecret(jsonBytes({ ...hook('x'), secret }), JSON_HEADERS, null), 401, /secret/);
			{
				// n8n's query parser reads `secret[]=<secret>` as a list whose first value is the secret: accepted
				// (it still takes the secret).
				const marker = `m-${randomUUID()}`;
				cases.push({
					id: id('secret', 'array-syntax-accepted'),
					category: 'secret',
					request: { ...withSecret(jsonBytes(hook(marker, 'array syntax'))), query: `secret[]=${encodeURIComponent(secret)}` },
					status: 200,
					executes: true,
					marker,
					text: 'array syntax',
				});
			}

			// Replays: the secret is static.
			{
				const marker = `m-${randomUUID()}`;
				const replayed = withSecret(jsonBytes(hook(marker, 'replayed')));
				for (let i = 1; i <= 2; i++) {
					cases.push({ id: id('replay', i), category: 'replay', request: replayed, status: 200, executes: true, marker, text: 'replayed' });
				}
			}
			return cases;
		},
	};
}

// ---------------------------------------------------------------------------------------------------------
// retailCRM Module Trigger: the `activity` callback (form or JSON: clientId, activity JSON, systemUrl). retailCRM
// does not sign it; the clientId is its only credential: 401 missing / other clientId, 400 broken activity.

export function retailCrmModuleAdapter(options: { clientId: string }): TriggerAdapter {
	const clientId = options.clientId;
	const name = 'retailCrmModuleTrigger';
	const id = (category: string, detail: string | number) => `${name}/${category}/${detail}`;
	const callback = (marker: string, text = 'hello', patch: Record<string, unknown> = {}) => ({
		clientId,
		activity: '{"active":true,"freeze":false}',
		systemUrl: 'https://shop.retailcrm.ru',
		marker,
		note: text,
		...patch,
	});
	const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
	const form = (fields: Record<string, unknown>) => utf8(new URLSearchParams(fields as Record<string, string>).toString());
	const post = (body: Buffer, headers: Record<string, string> = JSON_HEADERS): HostileRequest => ({ method: 'POST', headers, body });

	return {
		trigger: name,
		secrets: [],
		responseOnlySecrets: [clientId],
		markerOf: (item) => String((item.raw as Record<string, unknown> | undefined)?.marker),
		textOf: (item) => String((item.raw as Record<string, unknown> | undefined)?.note ?? ''),
		valid: (marker, text) => post(form(callback(marker, text)), FORM),
		cases() {
			const cases = genericCases({
				name,
				payload: (marker, text) => callback(marker, text),
				authorize: (body, headers) => post(body, headers),
				malformedStatus: 400,
				adjust(entry) {
					// A zero-length body has no clientId; a JSON body labelled as a form is a form without one; a real
					// form is what retailCRM sends.
					if (entry.id.endsWith('/empty-body/0') || entry.id.endsWith('/empty-body/no-content-type')) {
						return { ...entry, status: 401, message: /clientId is missing/ };
					}
					if (entry.id.endsWith('/content-type/application/x-www-form-urlencoded')) {
						return { ...entry, status: 401, executes: false, marker: undefined, text: undefined, message: /clientId is missing/ };
					}
					if (entry.id.endsWith('/other-encoding/form-urlencoded')) {
						return { ...entry, status: 200, executes: true, message: undefined };
					}
					return entry;
				},
			});
			const push = (category: string, detail: string | number, request: HostileRequest, status: number, re?: RegExp, extra: Partial<HostileCase> = {}) =>
				cases.push({ id: id(category, detail), category, request, status, executes: false, message: re, ...extra });

			// Wrong field types and broken activity (form, as retailCRM sends it, and JSON).
			const broken: Array<[string, Record<string, unknown>]> = [
				['activity-not-json', { activity: 'nope' }],
				['activity-array', { activity: '[true,false]' }],
				['activity-number', { activity: '1' }],
				['activity-null', { activity: 'null' }],
				['active-missing', { activity: '{"freeze":true}' }],
				['active-word', { activity: '{"active":"yes","freeze":false}' }],
				['active-number-2', { activity: '{"active":2}' }],
				['freeze-word', { activity: '{"active":true,"freeze":"maybe"}' }],
				['activity-truncated', { activity: '{"active":tru' }],
			];
			for (const [detail, patch] of broken) {
				push('wrong-type', `form-${detail}`, post(form(callback('x', 'x', patch)), FORM), 400, /activity must be/);
				push('wrong-type', `json-${detail}`, post(jsonBytes(callback('x', 'x', patch))), 400, /activity must be/);
			}
			push('wrong-type', 'json-activity-object-bad', post(jsonBytes(callback('x', 'x', { activity: { active: 'perhaps' } }))), 400, /activity must be/);
			push('wrong-type', 'clientId-number', post(jsonBytes(callback('x', 'x', { clientId: 12345 }))), 401, /clientId is missing/);
			push('wrong-type', 'clientId-array', post(jsonBytes(callback('x', 'x', { clientId: [clientId] }))), 401, /clientId is missing/);
			push('wrong-type', 'clientId-object', post(jsonBytes(callback('x', 'x', { clientId: { id: clientId } }))), 401, /clientId is missing/);

			// Missing fields.
			const { clientId: _omit, ...noClient } = callback('x');
			const { activity: _omit2, ...noActivity } = callback('x');
			push('missing-field', 'clientId', post(form(noClient), FORM), 401, /clientId is missing/);
			push('missing-field', 'activity', post(form(noActivity), FORM), 400, /activity must be/);
			push('missing-field', 'everything-json', post(jsonBytes({})), 401, /clientId is missing/);
			push('missing-field', 'everything-form', post(utf8('a=1'), FORM), 401, /clientId is missing/);

			// Client ids: missing, other, near misses, in the wrong place.
			for (const [detail, value] of secretVariants(clientId)) {
				push('client-id', detail, post(form(callback('x', 'x', { clientId: value })), FORM), 401, /clientId/, {
					mustNotEcho: value.length > 3 ? [value] : undefined,
				});
			}
			push('client-id', 'in-query', { ...post(form(noClient), FORM), query: `clientId=${encodeURIComponent(clientId)}` }, 401, /clientId is missing/);
			push('client-id', 'in-header', post(form(noClient), { ...FORM, 'x-client-id': clientId }), 401, /clientId is missing/);
			push('client-id', 'repeated-right-first', post(utf8(`${form(callback('x')).toString()}&clientId=other`), FORM), 401, /Unknown clientId/);
			{
				// A repeated form field counts with its last value: the right clientId last is accepted (it still
				// takes the clientId).
				const marker = `m-${randomUUID()}`;
				cases.push({
					id: id('client-id', 'repeated-other-first-accepted'),
					category: 'client-id',
					request: post(utf8(`clientId=other&${form(callback(marker, 'repeated field')).toString()}`), FORM),
					status: 200,
					executes: true,
					marker,
					text: 'repeated field',
				});
			}

			// Replays: retailCRM does not sign the callback.
			{
				const marker = `m-${randomUUID()}`;
				const replayed = post(form(callback(marker, 'replayed')), FORM);
				for (let i = 1; i <= 2; i++) {
					cases.push({ id: id('replay', i), category: 'replay', request: replayed, status: 200, executes: true, marker, text: 'replayed' });
				}
			}
			return cases;
		},
	};
}
