import { conversationIdOf, mediaBody, postbackBody, resolveBotUrl, senderIdOf, textBody } from '../../../nodes/UChat/bodies';
import { isOwnProductionRegistration, sameUrl } from '../../../nodes/UChat/registration';
import { apiBase, webhookFromResponse } from '../../../nodes/UChat/transport';

const sender = { id: 'contact-42', name: 'John', email: '', phone: '' };
const seedSender = { id: 'contact-42', name: 'John', email: '', phone_number: '', type: 'contact' };

describe('UChat bot_url bodies (seed "Workspace Api to send messages")', () => {
	it('builds the text message exactly, in the seed\'s key order', () => {
		expect(JSON.stringify(textBody('Hello', sender, 123))).toBe(
			JSON.stringify({ content: 'Hello', message_type: 'incoming', sender: seedSender, conversation_id: 123, event: 'message_created' }),
		);
	});

	it('builds the button payload', () => {
		expect(postbackBody('Yes', 'ANSWER_YES', sender, 123)).toEqual({
			content: 'Yes',
			message_type: 'incoming',
			sender: seedSender,
			conversation_id: 123,
			event: 'message_postback',
			submitted_values: [{ title: 'Yes', payload: 'ANSWER_YES' }],
		});
	});

	it.each(['image', 'audio', 'video', 'file'] as const)('builds the %s message', (type) => {
		expect(mediaBody(type, 'https://cdn/x', sender, 7)).toEqual({
			content: '',
			message_type: 'incoming',
			sender: seedSender,
			conversation_id: 7,
			event: 'message_created',
			attachments: [{ file_type: type, data_url: 'https://cdn/x' }],
		});
	});

	it('requires an integer conversation id', () => {
		expect(conversationIdOf('123')).toBe(123);
		expect(conversationIdOf(123)).toBe(123);
		expect(() => conversationIdOf('abc')).toThrow(/integer/);
		expect(() => conversationIdOf('')).toThrow(/integer/);
		expect(() => conversationIdOf(1.5)).toThrow(/integer/);
	});

	it('requires a sender id', () => {
		expect(senderIdOf(' u1 ')).toBe('u1');
		expect(senderIdOf(5)).toBe('5');
		expect(() => senderIdOf('')).toThrow(/Sender ID/);
	});

	it('takes the item\'s bot URL first, then the credential\'s', () => {
		expect(resolveBotUrl('https://b/x', 'https://b/y')).toBe('https://b/x');
		expect(resolveBotUrl('', 'https://b/y')).toBe('https://b/y');
		expect(resolveBotUrl(undefined, 'https://b/y')).toBe('https://b/y');
		expect(() => resolveBotUrl('', '')).toThrow(/No bot URL/);
		expect(() => resolveBotUrl('ftp://x', '')).toThrow(/http/);
	});

	it('sends the flow key only to a host the credential names or UChat\'s bot host', () => {
		expect(resolveBotUrl('https://bot.dfktv2.com/api/apichat/abc', '')).toBe('https://bot.dfktv2.com/api/apichat/abc');
		expect(resolveBotUrl('http://127.0.0.1:9/api/apichat/abc', '', 'http://127.0.0.1:9')).toBe('http://127.0.0.1:9/api/apichat/abc');
		expect(() => resolveBotUrl('https://evil.example/api/apichat/abc', 'https://bot.dfktv2.com/api/apichat/x')).toThrow(
			/"Bot URL" points to evil\.example/,
		);
		expect(() => resolveBotUrl('http://127.0.0.1:10/x', '', 'http://127.0.0.1:9')).toThrow(/127\.0\.0\.1:10/);
		expect(() => resolveBotUrl('https://bot.dfktv2.com.evil.example/x', '')).toThrow(/does not name/);
	});
});

describe('UChat registration rules', () => {
	it('compares URLs without trailing slash and host case', () => {
		expect(sameUrl('https://N8N.example.com/webhook/a/webhook/', 'https://n8n.example.com/webhook/a/webhook')).toBe(true);
		expect(sameUrl('https://n8n.example.com/webhook/a/webhook', 'https://n8n.example.com/webhook/b/webhook')).toBe(false);
		expect(sameUrl('', '')).toBe(false);
	});

	it('detects the node\'s own production registration from a test URL', () => {
		const test = 'https://n8n.example.com/webhook-test/abc/webhook';
		expect(isOwnProductionRegistration('https://n8n.example.com/webhook/abc/webhook', test, 'abc')).toBe(true);
		expect(isOwnProductionRegistration('https://public.example.com/webhook/abc/webhook/', test, 'abc')).toBe(true);
		expect(isOwnProductionRegistration('https://n8n.example.com/webhook/other/webhook', test, 'abc')).toBe(false);
		expect(isOwnProductionRegistration(test, test, 'abc')).toBe(false);
		expect(isOwnProductionRegistration('', test, 'abc')).toBe(false);
		expect(isOwnProductionRegistration('https://x/webhook-test/abc/webhook', test, 'abc')).toBe(false);
	});

	it('reads partner API answers', () => {
		expect(webhookFromResponse({ status: 'ok', data: { webhook_url: 'u', webhook_verification_key: 'k', webhook_status: 'verified', bot_url: 'b' } })).toEqual({
			webhook_url: 'u',
			webhook_verification_key: 'k',
			webhook_status: 'verified',
			bot_url: 'b',
		});
		expect(webhookFromResponse({ status: 'error', message: 'x' })).toBeUndefined();
		expect(webhookFromResponse('nope')).toBeUndefined();
		expect(webhookFromResponse({ status: 'ok' })?.webhook_url).toBe('');
	});

	it('builds the API base from the host', () => {
		expect(apiBase('https://www.uchat.com.au')).toBe('https://www.uchat.com.au/api');
		expect(apiBase('https://partner.example.com/api/')).toBe('https://partner.example.com/api');
		expect(apiBase('')).toBe('https://www.uchat.com.au/api');
	});
});
