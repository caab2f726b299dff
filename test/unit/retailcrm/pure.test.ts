import type { IDataObject } from 'n8n-workflow';

import { filtersToQuery, filter, optionLabel } from '../../../nodes/RetailCrm/actions/common';
import { validCommandName } from '../../../nodes/RetailCrm/actions/command/createOrUpdate';
import { multipartFile } from '../../../nodes/RetailCrm/files';
import {
	fileMessage,
	groupAttachments,
	jsonObject,
	parseSuggestions,
	textMessage,
} from '../../../nodes/RetailCrm/messages';
import { moduleBody, registrationOutput } from '../../../nodes/RetailCrm/module';
import { maskTokens } from '../../../nodes/shared/secrets';
import { frameMessage, isOwnMessage, parseRetailCrmFrame, toRetailCrmEventItem, toRetailCrmItem } from '../../../nodes/RetailCrm/inbound';
import { asList, buildQuery, nextCursor, RateLimiter, v5ErrorText } from '../../../nodes/RetailCrm/transport';
import { verifyActivity } from '../../../nodes/RetailCrm/verify';
import { RecentIds, reconnectDelayMs, webSocketUrl, WS_EVENTS } from '../../../nodes/RetailCrm/websocket';
import { RequestError } from '../../../nodes/shared/webhook';

describe('webSocketUrl', () => {
	it('turns https into wss and http into ws, keeping a path and listing the events', () => {
		expect(webSocketUrl('https://mg-s1.retailcrm.pro/', ['message_new', 'dialog_opened'], false)).toBe(
			'wss://mg-s1.retailcrm.pro/api/bot/v1/ws?events=message_new,dialog_opened',
		);
		expect(webSocketUrl('http://127.0.0.1:8080/mg', ['message_new'], true)).toBe(
			'ws://127.0.0.1:8080/mg/api/bot/v1/ws?events=message_new&options=include_mass_communication',
		);
	});
	it('refuses other schemes', () => {
		expect(() => webSocketUrl('ftp://x', ['message_new'], false)).toThrow(/https:\/\/ or http:\/\//);
	});
	it('knows the 19 documented event types', () => {
		expect(WS_EVENTS).toHaveLength(19);
		expect(new Set(WS_EVENTS).size).toBe(19);
		expect(WS_EVENTS).toContain('message_restored');
	});
});

describe('reconnect helpers', () => {
	it('backs off exponentially with jitter and a 30 s cap', () => {
		expect(reconnectDelayMs(1, () => 0)).toBe(500);
		expect(reconnectDelayMs(1, () => 1)).toBe(1000);
		expect(reconnectDelayMs(3, () => 1)).toBe(4000);
		expect(reconnectDelayMs(20, () => 1)).toBe(30_000);
		expect(reconnectDelayMs(20, () => 0)).toBe(15_000);
	});
	it('remembers recent ids and forgets the oldest beyond capacity', () => {
		const ids = new RecentIds(2);
		expect(ids.add('1')).toBe(true);
		expect(ids.add('1')).toBe(false);
		ids.add('2');
		ids.add('3');
		expect(ids.has('1')).toBe(false);
		expect(ids.has('3')).toBe(true);
	});
});

describe('Bot API query and paging helpers', () => {
	it('repeats array values, writes booleans as 1/0 and drops empty values', () => {
		expect(buildQuery({ role: ['distributor', 'hidden'], active: true, self: false, since: undefined, name: '' })).toBe(
			'?role=distributor&role=hidden&active=1&self=0',
		);
		expect(buildQuery({})).toBe('');
	});
	it('maps the Filters collection onto the wire names', () => {
		const fields = [
			filter.number('chatId', 'Chat ID', 'chat_id', ''),
			filter.string('ids', 'Message IDs', 'id', ''),
			filter.yesNo('active', 'Active', 'active', ''),
			filter.options('types', 'Types', 'types', '', ['vk', 'telegram'], true),
		];
		const query = filtersToQuery(
			{ chatId: 12, ids: '1, 2,,3', active: false, types: ['telegram'], sinceId: 0, untilId: 50, since: '2024-01-01T10:00:00+03:00' } as IDataObject,
			fields,
		);
		expect(query).toEqual({ chat_id: 12, id: ['1', '2', '3'], active: 0, types: ['telegram'], until_id: 50, since: '2024-01-01T07:00:00.000Z' });
	});
	it('sends a Yes / No filter as 1 / 0 and leaves Any (its default) out', () => {
		const fields = [filter.yesNo('active', 'Active', 'active', ''), filter.yesNo('online', 'Online', 'online', '')];
		expect(fields[0].property.default).toBe('any');
		expect(filtersToQuery({ active: fields[0].property.default } as IDataObject, fields)).toEqual({});
		expect(filtersToQuery({ active: 'yes', online: 'no' } as IDataObject, fields)).toEqual({ active: 1, online: 0 });
		// Workflows saved while these were toggles keep their meaning.
		expect(filtersToQuery({ active: true, online: false } as IDataObject, fields)).toEqual({ active: 1, online: 0 });
	});
	it('labels API values in Title Case and keeps the values', () => {
		expect(optionLabel('fbmessenger')).toBe('Facebook Messenger');
		expect(optionLabel('yandex_chat')).toBe('Yandex Chat');
		expect(optionLabel('light-grayish-blue')).toBe('Light Grayish Blue');
		expect(optionLabel('leaved')).toBe('Left');
		const state = filter.options('state', 'State', 'state', '', ['active', 'kicked', 'leaved']).property;
		expect(state.options).toEqual([
			{ name: 'Active', value: 'active' },
			{ name: 'Kicked', value: 'kicked' },
			{ name: 'Left', value: 'leaved' },
		]);
	});
	it('finds the next cursor and the list in an answer', () => {
		expect(nextCursor([{ id: 3 }, { id: 9 }, { id: 4 }])).toBe(9);
		expect(nextCursor([])).toBeUndefined();
		expect(nextCursor([{ id: 9 }, { id: 4 }, { id: 7 }], true)).toBe(4);
		expect(asList([{ id: 1 }])).toEqual([{ id: 1 }]);
		expect(asList({ items: [{ id: 2 }] })).toEqual([{ id: 2 }]);
		expect(asList('nope')).toEqual([]);
	});
	it('keeps at most 10 requests in any second', async () => {
		const limiter = new RateLimiter(10);
		let reads = 0;
		for (let i = 0; i < 10; i++) await limiter.wait(() => (reads++, 0));
		expect(reads).toBe(10);
		// The 11th request at 999 ms must wait until the first one leaves the window.
		const clock = [999, 1000];
		let calls = 0;
		await limiter.wait(() => clock[Math.min(calls++, 1)]);
		expect(calls).toBe(2);
		// One more at 1000 ms fits at once: the requests of 0 ms have left the window.
		let later = 0;
		await limiter.wait(() => (later++, 1000));
		expect(later).toBe(1);
	});
});

describe('retailCRM v5 helpers', () => {
	it('builds the integrationModule object with an empty mgBot integration', () => {
		expect(
			moduleBody({ code: 'c', integrationCode: 'i', name: 'N', clientId: 'k', baseUrl: 'https://b/', active: true, activity: 'activity' }),
		).toEqual({ code: 'c', integrationCode: 'i', active: true, name: 'N', clientId: 'k', baseUrl: 'https://b', actions: { activity: '/activity' }, integrations: { mgBot: {} } });
		expect(
			moduleBody({ code: 'c', integrationCode: 'i', name: 'N', clientId: 'k', baseUrl: 'https://b', active: false, activity: '', refreshToken: true }).integrations,
		).toEqual({ mgBot: { refreshToken: true } });
		// An empty Activity Path falls back to where the Module Trigger listens.
		expect(
			moduleBody({ code: 'c', integrationCode: 'i', name: 'N', clientId: 'k', baseUrl: 'https://b', active: true, activity: ' ' }).actions,
		).toEqual({ activity: '/webhook' });
	});
	it('outputs endpoint and token from the registration answer, the token masked unless asked for', () => {
		const answer = { success: true, info: { mgBot: { endpointUrl: 'https://mg', token: 'secret-bot-token-123' } } };
		expect(registrationOutput(answer, true)).toMatchObject({ success: true, endpointUrl: 'https://mg', token: 'secret-bot-token-123' });
		const masked = registrationOutput(answer);
		expect(masked).toMatchObject({ success: true, endpointUrl: 'https://mg', token: 'secr…[hidden, 20 characters]' });
		expect(JSON.stringify(masked)).not.toContain('secret-bot-token-123');
		expect(maskTokens({ a: [{ Token: 'abcdefghij' }], token: 'short', n: 1 })).toEqual({ a: [{ Token: 'abcd…[hidden, 10 characters]' }], token: '[hidden]', n: 1 });
	});
	it('names errorMsg and every field of errors', () => {
		expect(v5ErrorText({ success: false, errorMsg: 'Validation error', errors: { code: 'blank', name: 'too long' } })).toBe(
			'Validation error; code: blank; name: too long',
		);
		expect(v5ErrorText({ success: false, errorMsg: 'Access denied.' })).toBe('Access denied.');
		expect(v5ErrorText({})).toBeUndefined();
	});
});

describe('message bodies', () => {
	const options = { chatId: 12, scope: 'public' as const, quoteMessageId: 345, suggestions: parseSuggestions([{ type: 'text', title: 'Yes' }, { type: '' }, { type: 'phone', payload: '' }]) };
	it('builds a text message with quote and quick replies', () => {
		expect(textMessage('Hello', options)).toEqual({
			type: 'text',
			scope: 'public',
			chat_id: 12,
			content: 'Hello',
			quote_message_id: 345,
			transport_attachments: { suggestions: [{ type: 'text', title: 'Yes' }, { type: 'phone' }] },
		});
	});
	it('builds file messages with items and note', () => {
		expect(fileMessage('image', [{ id: 'u1', caption: 'c' }], 'note', { chatId: 1, scope: 'private' })).toEqual({
			type: 'image',
			scope: 'private',
			chat_id: 1,
			items: [{ id: 'u1', caption: 'c' }],
			note: 'note',
		});
	});
	it('groups attachments by the kind of message they are sent as', () => {
		const groups = groupAttachments([
			{ type: 'image', url: 'a' },
			{ type: 'video', url: 'b' },
			{ type: 'image', url: 'c' },
			{ type: 'audio', url: 'd' },
		]);
		expect(groups.map((g) => [g.kind, g.attachments.map((a) => a.url)])).toEqual([
			['image', ['a', 'c']],
			['file', ['b']],
			['audio', ['d']],
		]);
	});
	it('reads product and order JSON defensively', () => {
		expect(jsonObject('{"name":"x"}')).toEqual({ name: 'x' });
		expect(jsonObject({ name: 'y' })).toEqual({ name: 'y' });
		expect(jsonObject('[1]')).toBeUndefined();
		expect(jsonObject('nope')).toBeUndefined();
	});
	it('validates command names', () => {
		expect(validCommandName('start_2')).toBe(true);
		expect(validCommandName('bad name')).toBe(false);
		expect(validCommandName('x'.repeat(33))).toBe(false);
	});
	it('builds a multipart body with the file field', () => {
		const { body, contentType } = multipartFile(Buffer.from('DATA'), 'a"b.txt', 'text/plain', 'file', 'BOUND');
		expect(contentType).toBe('multipart/form-data; boundary=BOUND');
		expect(body.toString()).toBe(
			'--BOUND\r\nContent-Disposition: form-data; name="file"; filename="a_b.txt"\r\nContent-Type: text/plain\r\n\r\nDATA\r\n--BOUND--\r\n',
		);
	});
});

describe('WebSocket frames', () => {
	const frameText = JSON.stringify({
		type: 'message_new',
		meta: { timestamp: 1700000000 },
		data: {
			message: {
				id: 3373,
				time: '2023-04-26T21:22:19+03:00',
				type: 'image',
				chat_id: 519717,
				from: { id: 519896, type: 'customer', name: 'Ivan' },
				content: 'look',
				items: [{ id: 'f1', kind: 'image', type: 'image/png', size: 10, caption: 'p.png' }, { id: 'f2', kind: 'file' }],
				chat: { id: 519717, channel: { id: 61 } },
			},
		},
	});
	it('names the author, the dialog and private notes', () => {
		const frame = parseRetailCrmFrame(frameText)!;
		const base = frameMessage(frame)!;
		const as = (patch: object) => toRetailCrmItem('message_new', { ...base, ...patch }, frame as IDataObject);
		expect(as({ from: { id: 1, type: 'user' }, scope: 'private', dialog: { id: 77 } })).toMatchObject({ author: 'operator', private: true, dialogId: '77' });
		expect(as({ from: { id: 2, type: 'bot' }, scope: 'public' })).toMatchObject({ author: 'bot', private: false });
		expect(as({ from: { id: 3, type: 'robot' } }).author).toBe('other');
		expect(toRetailCrmEventItem({ type: 'dialog_closed', data: { dialog: { id: 5, chat_id: 9 } } } as never)).toMatchObject({ author: 'system', chatId: '9', dialogId: '5' });
	});

	it('maps a message event to the common shape', () => {
		const frame = parseRetailCrmFrame(frameText)!;
		const message = frameMessage(frame)!;
		expect(toRetailCrmItem(frame.type, message, frame as IDataObject, { f1: 'https://s3/f1' })).toEqual({
			platform: 'retailcrm', author: 'customer',
			event: 'message_new',
			channelId: '61',
			chatId: '519717',
			userId: '519896',
			messageId: '3373',
			text: 'look',
			attachments: [{ type: 'image', url: 'https://s3/f1', name: 'p.png', size: 10, mimeType: 'image/png' }],
			timestamp: '2023-04-26T18:22:19.000Z',
			raw: JSON.parse(frameText),
		});
	});
	it('rejects what is not a frame', () => {
		expect(parseRetailCrmFrame('nope')).toBeUndefined();
		expect(parseRetailCrmFrame('{"data":{}}')).toBeUndefined();
		expect(frameMessage(parseRetailCrmFrame('{"type":"message_new","data":{"message":{"content":"no id"}}}')!)).toBeUndefined();
	});
	it('recognises the bot\'s own echoes', () => {
		const ownId = { id: 1, from: { id: 77, type: 'bot' } };
		expect(isOwnMessage(ownId, '77')).toBe(true);
		expect(isOwnMessage(ownId, '78')).toBe(false);
		expect(isOwnMessage(ownId, undefined)).toBe(true);
		expect(isOwnMessage({ id: 2, from: { id: 77, type: 'customer' } }, '77')).toBe(false);
	});
	it('keeps other events raw with chat and channel when present', () => {
		const frame = parseRetailCrmFrame('{"type":"dialog_assign","meta":{"timestamp":1700000000},"data":{"dialog":{"id":1},"chat":{"id":5,"channel":{"id":9}}}}')!;
		expect(toRetailCrmEventItem(frame)).toMatchObject({ event: 'dialog_assign', chatId: '5', channelId: '9', timestamp: '2023-11-14T22:13:20.000Z', raw: frame });
	});
});

describe('verifyActivity', () => {
	it('accepts the expected clientId and parses the activity JSON', () => {
		expect(verifyActivity({ clientId: 'c1', activity: '{"active":true,"freeze":false}', systemUrl: 'https://a' }, 'c1')).toEqual({
			clientId: 'c1',
			active: true,
			freeze: false,
			systemUrl: 'https://a',
		});
	});
	it.each([
		[{ activity: '{"active":true}' }, 'clientId is missing', 401],
		[{ clientId: 'other', activity: '{"active":true}' }, 'Unknown clientId', 401],
		[{ clientId: 'c1', activity: 'nope' }, 'activity must be', 400],
		[{ clientId: 'c1', activity: '{"freeze":true}' }, 'activity must be', 400],
	])('rejects %j', (fields, message, status) => {
		let error: unknown;
		try {
			verifyActivity(fields as IDataObject, 'c1');
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(RequestError);
		expect((error as RequestError).statusCode).toBe(status);
		expect((error as RequestError).message).toContain(message);
	});
	it('rejects everything when no clientId is configured', () => {
		expect(() => verifyActivity({ clientId: '', activity: '{"active":true}' }, '')).toThrow();
		expect(() => verifyActivity({ clientId: 'x', activity: '{"active":true}' }, '')).toThrow('Unknown clientId');
	});
});
