import type { IDataObject } from 'n8n-workflow';

import { toUChatItem } from '../../../nodes/UChat/inbound';
import { inboundMessageSchema } from '../../../nodes/UChat/schemas';
import { inbound } from '../../simulators/uchat/payloads';

/** What only UChat has, under `uchat`. */
const uchatOf = (item: IDataObject) => (item.uchat ?? {}) as IDataObject;

function normalise(payload: object, delivery = {}) {
	const parsed = inboundMessageSchema.parse(payload);
	return toUChatItem(parsed, payload as never, delivery);
}

describe('UChat inbound payloads', () => {
	it('maps a text message to the common shape', () => {
		const item = normalise(inbound.text, { action: 'messages', flowNs: 'f1', workspaceId: '77', botUrl: 'https://bot/x' });
		expect(item).toEqual({
			platform: 'uchat', author: 'bot',
			event: 'messages',
			channelId: '77',
			chatId: '123',
			userId: 'contact-42',
			text: 'Hello from the bot',
			private: false,
			uchat: { messageType: 'text', direction: 'outgoing', flowNs: 'f1', botUrl: 'https://bot/x' },
			raw: inbound.text,
		});
	});

	it('marks private agent notes as written by an operator', () => {
		const note = normalise({ ...inbound.text, private: true });
		expect(note).toMatchObject({ author: 'operator', private: true });
		expect(normalise({ ...inbound.text, message_type: 'incoming' }).author).toBe('customer');
	});

	it('keeps button templates structured', () => {
		const item = normalise(inbound.buttonTemplate);
		expect(uchatOf(item).contentType).toBe('button_template');
		expect(item.text).toBe('Pick one');
		expect(uchatOf(item).buttons).toEqual([
			{ type: 'postback', title: 'Yes', payload: 'ANSWER_YES' },
			{ type: 'postback', title: 'No', payload: 'ANSWER_NO' },
		]);
	});

	it('keeps generic template cards structured', () => {
		const item = normalise(inbound.genericTemplate);
		expect(uchatOf(item).contentType).toBe('generic_template');
		expect(uchatOf(item).ratio).toBe('horizontal');
		expect(uchatOf(item).cards).toEqual([
			{
				title: 'Basic',
				subtitle: 'For starters',
				imageUrl: 'https://cdn.example.com/basic.png',
				buttons: [{ type: 'postback', title: 'Choose Basic', payload: 'PLAN_BASIC' }],
			},
			{
				title: 'Pro',
				subtitle: 'For teams',
				imageUrl: 'https://cdn.example.com/pro.png',
				buttons: [{ type: 'postback', title: 'Choose Pro', payload: 'PLAN_PRO' }],
			},
		]);
	});

	it.each(['image', 'audio', 'video', 'file'] as const)('maps a %s message to one attachment', (type) => {
		const item = normalise(inbound[type]);
		expect(item.attachments).toEqual([{ type, url: inbound[type].url }]);
		expect(item.text).toBeUndefined();
		expect(uchatOf(item).messageType).toBe(type);
	});

	it('flags private notes', () => {
		expect(normalise(inbound.privateNote).private).toBe(true);
		expect(normalise({ ...inbound.text, private: 1 }).private).toBe(true);
		expect(normalise({ ...inbound.text, private: false }).private).toBe(false);
	});

	it('maps an unknown media type to a file attachment', () => {
		expect(normalise({ ...inbound.image, type: 'sticker' }).attachments).toEqual([{ type: 'file', url: inbound.image.url }]);
	});

	it('rejects payloads without conv_id or sender_id', () => {
		const noConversation: Record<string, unknown> = { ...inbound.text };
		delete noConversation.conv_id;
		const noSender: Record<string, unknown> = { ...inbound.text };
		delete noSender.sender_id;
		expect(inboundMessageSchema.safeParse(noConversation).success).toBe(false);
		expect(inboundMessageSchema.safeParse(noSender).success).toBe(false);
		expect(inboundMessageSchema.safeParse({ ...inbound.text, conv_id: { a: 1 } }).success).toBe(false);
	});
});

describe('UChat timestamp', () => {
	it('stamps the reply with the time it arrived (UChat sends none)', () => {
		const parsed = inboundMessageSchema.parse(inbound.text);
		const at = new Date('2026-01-02T03:04:05.000Z');
		expect(toUChatItem(parsed, inbound.text as never, { receivedAt: at }).timestamp).toBe('2026-01-02T03:04:05.000Z');
		expect(toUChatItem(parsed, inbound.text as never, {}).timestamp).toBeUndefined();
	});
});
