import {
	attachmentsToFiles,
	channelWebhookUrl,
	filesToAttachments,
	plainBase64,
	shapeUserInfoReply,
} from '../../../nodes/Brix/format';
import { toBrixItem } from '../../../nodes/Brix/inbound';

const CHANNEL = 'ebf45efc-cc67-4b60-9e3f-121966ba9f30';
const NOW = new Date('2026-01-02T03:04:05.000Z');

describe('toBrixItem', () => {
	it('maps an operator message (upper-case URL files) to the common shape without the token', () => {
		const body = {
			type: 'message',
			token: 'secret-token',
			channelId: CHANNEL,
			data: {
				targetChatId: 'extChat1',
				text: 'message from BRIX',
				files: [{ name: 'file1.png', size: 12345, URL: 'https://elma365.com/ru/img/partners/partners-hero.png' }],
			},
		};
		const message = toBrixItem('message', body, NOW);
		expect(message).toEqual({
			platform: 'brix', author: 'operator',
			event: 'message',
			channelId: CHANNEL,
			chatId: 'extChat1',
			text: 'message from BRIX',
			attachments: [
				{ type: 'image', url: 'https://elma365.com/ru/img/partners/partners-hero.png', name: 'file1.png', size: 12345 },
			],
			timestamp: NOW.toISOString(),
			raw: { type: 'message', channelId: CHANNEL, data: body.data },
		});
		expect(JSON.stringify(message)).not.toContain('secret-token');
		expect(body.token).toBe('secret-token');
	});

	it('keeps the BRIX webhook of connect, the ids of outcomes, reads and user info', () => {
		const webhook = `https://my-domain.com/api/messengers/external/other/webhook/${CHANNEL}`;
		expect(toBrixItem('connect', { type: 'connect', channelId: CHANNEL, data: { webhook } }, NOW)).toMatchObject({
			event: 'connect',
			channelId: CHANNEL,
			brix: { webhookUrl: webhook },
		});
		expect(
			toBrixItem('messageOutcome', { type: 'messageOutcome', data: { success: false, messageId: 'message1' } }, NOW),
		).toMatchObject({ event: 'messageOutcome', messageId: 'message1', brix: { success: false } });
		expect(
			toBrixItem('messageOutcome', { type: 'messageOutcome', data: { success: 'true', messageId: 'm' } }, NOW).brix,
		).toEqual({ success: true });
		expect(toBrixItem('markAsRead', { type: 'markAsRead', data: { messageId: 7 } }, NOW)).toMatchObject({
			messageId: '7',
		});
		expect(toBrixItem('userInfo', { type: 'userInfo', data: { userId: 'extUser1' } }, NOW)).toMatchObject({
			userId: 'extUser1',
		});
		expect(toBrixItem('disconnect', { type: 'disconnect', channelId: CHANNEL }, NOW)).toMatchObject({
			event: 'disconnect',
			channelId: CHANNEL,
		});
	});
});

describe('files and attachments', () => {
	it('reads URL or url and skips entries without one', () => {
		expect(filesToAttachments([{ name: 'a.pdf', URL: 'https://x/a.pdf' }, { url: 'https://x/b.mp3' }, { name: 'c' }, 5])).toEqual([
			{ type: 'file', url: 'https://x/a.pdf', name: 'a.pdf' },
			{ type: 'audio', url: 'https://x/b.mp3' },
		]);
		expect(filesToAttachments(undefined)).toEqual([]);
		expect(filesToAttachments([{ name: 'a.png', size: '12', URL: 'https://x/a.png' }])).toEqual([
			{ type: 'image', url: 'https://x/a.png', name: 'a.png', size: 12 },
		]);
	});

	it('writes BRIX files with name and upper-case URL', () => {
		expect(
			attachmentsToFiles([
				{ type: 'image', url: 'https://x/dir/photo%20one.png?sig=1' },
				{ type: 'file', url: 'https://x/doc', name: 'Report.pdf', size: 10 },
			]),
		).toEqual([
			{ name: 'photo one.png', URL: 'https://x/dir/photo%20one.png?sig=1' },
			{ name: 'Report.pdf', URL: 'https://x/doc', size: 10 },
		]);
	});
});

describe('shapeUserInfoReply', () => {
	it('returns exactly id, username, phoneNumber and avatar as strings', () => {
		const reply = shapeUserInfoReply({
			id: 'extUser1',
			username: 'JohnDoe',
			phoneNumber: 89990002266,
			avatar: 'data:image/png;base64,iVBORw0KGgo=',
			extra: 'dropped',
		});
		expect(reply).toEqual({ id: 'extUser1', username: 'JohnDoe', phoneNumber: '89990002266', avatar: 'iVBORw0KGgo=' });
		expect(Object.keys(reply).sort()).toEqual(['avatar', 'id', 'phoneNumber', 'username']);
	});

	it('fills defaults and rejects what BRIX could not use', () => {
		expect(shapeUserInfoReply({ userId: 'u1' })).toEqual({ id: 'u1', username: 'u1', phoneNumber: '', avatar: '' });
		expect(() => shapeUserInfoReply({ username: 'x' })).toThrow('The user info reply has no ID');
		expect(() => shapeUserInfoReply({ id: 'u', avatar: 'not base64!' })).toThrow('base64');
	});

	it('strips data URL prefixes only', () => {
		expect(plainBase64('data:image/jpeg;base64,AAAA')).toBe('AAAA');
		expect(plainBase64('AAAA')).toBe('AAAA');
	});
});

describe('channelWebhookUrl', () => {
	it('builds the messenger -> BRIX URL from the base URL and channel', () => {
		expect(channelWebhookUrl('https://my-domain.com/', CHANNEL)).toBe(
			`https://my-domain.com/api/messengers/external/other/webhook/${CHANNEL}`,
		);
		expect(() => channelWebhookUrl('', CHANNEL)).toThrow('base URL');
	});
});
