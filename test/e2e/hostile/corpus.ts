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
	const form = new URLSearchParams(hooks.payload(marker(), 'form') as Record<string, string>).toString();
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
	return cases;
}

// ---------------------------------------------------------------------------------------------------------
// BRIX: token in the JSON body; 400 malformed, 401 token, 404 unknown channel (docs/brix.md)

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

			// Unknown event types.
			for (const type of ['Message', 'MESSAGE', 'message ', 'foo', '__proto__', 'constructor', 'toString', 'x'.repeat(5000)]) {
				reject('unknown-event', type.slice(0, 20), withToken({ type, channelId, data: {} }), 400, /is not one of/);
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
