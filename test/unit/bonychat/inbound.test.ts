import { toBonyChatItem, parseBonyChatRequest } from '../../../nodes/BonyChat/inbound';
import { RequestError } from '../../../nodes/shared/webhook';

function errorOf(body: unknown): RequestError {
	try {
		parseBonyChatRequest(body as never);
	} catch (error) {
		return error as RequestError;
	}
	throw new Error('expected a RequestError');
}

describe('parseBonyChatRequest', () => {
	it('accepts each documented message type', () => {
		expect(parseBonyChatRequest({ contactId: '+60177872890', message: { type: 'text', text: 'Hi' } }).message).toEqual({ type: 'text', text: 'Hi' });
		expect(parseBonyChatRequest({ contactId: 'c', message: { type: 'attachment', attachment: { type: 'file', url: 'https://x/y.pdf' } } }).message.type).toBe('attachment');
		expect(parseBonyChatRequest({ contactId: 'c', message: { type: 'location', latitude: '3.1', longitude: -101 } }).message).toEqual({ type: 'location', latitude: 3.1, longitude: -101 });
		expect(parseBonyChatRequest({ contactId: 'c', message: { type: 'quick_reply', title: 't', replies: ['a'] } }).message.type).toBe('quick_reply');
	});

	it('keeps a numeric contactId and the channelId as strings', () => {
		const parsed = parseBonyChatRequest({ channelId: 12, contactId: 60177872890, message: { type: 'text', text: '' } });
		expect(parsed.contactId).toBe('60177872890');
		expect(parsed.channelId).toBe('12');
	});

	it.each([
		[{ message: { type: 'text', text: 'x' } }, 'body.contactId'],
		[{ contactId: '  ', message: { type: 'text', text: 'x' } }, 'body.contactId'],
		[{ contactId: 'c' }, 'body.message'],
		[{ contactId: 'c', message: 'hello' }, 'body.message'],
		[{ contactId: 'c', message: { type: 'video' } }, 'body.message.type'],
		[{ contactId: 'c', message: { text: 'x' } }, 'body.message.type'],
		[{ contactId: 'c', message: { type: 'text', text: 5 } }, 'body.message.text'],
		[{ contactId: 'c', message: { type: 'attachment' } }, 'body.message.attachment'],
		[{ contactId: 'c', message: { type: 'attachment', attachment: { type: 'image' } } }, 'body.message.attachment.url'],
		[{ contactId: 'c', message: { type: 'location', latitude: 1, longitude: 181 } }, 'body.message.longitude'],
		[{ contactId: 'c', message: { type: 'location', latitude: 'north', longitude: 1 } }, 'body.message.latitude'],
		[{ contactId: 'c', message: { type: 'quick_reply', title: 't', replies: [] } }, 'body.message.replies'],
	])('rejects %j naming %s', (body, field) => {
		const error = errorOf(body);
		expect(error).toBeInstanceOf(RequestError);
		expect(error.statusCode).toBe(400);
		expect(error.message.startsWith(field)).toBe(true);
	});
});

describe('toBonyChatItem', () => {
	const now = new Date('2024-07-16T11:39:45.149Z');
	it('maps an attachment to the common shape', () => {
		const raw = { channelId: 'ch', contactId: 'c1', message: { type: 'attachment', attachment: { type: 'video', url: 'https://x/v.mp4', fileName: 'v.mp4', mimeType: 'video/mp4' } } };
		const item = toBonyChatItem(parseBonyChatRequest(raw), raw, 'm1', now);
		expect(item).toEqual({
			platform: 'bonychat', author: 'operator', event: 'message', channelId: 'ch', chatId: 'c1', userId: 'c1', messageId: 'm1',
			attachments: [{ type: 'video', url: 'https://x/v.mp4', name: 'v.mp4', mimeType: 'video/mp4' }],
			timestamp: '2024-07-16T11:39:45.149Z', bonychat: { messageType: 'attachment' }, raw,
		});
	});
	it('omits messageId when the workflow answers', () => {
		const raw = { contactId: 'c1', message: { type: 'text', text: 'hey' } };
		const item = toBonyChatItem(parseBonyChatRequest(raw), raw, undefined, now);
		expect(item.messageId).toBeUndefined();
		expect(item.text).toBe('hey');
	});
});
