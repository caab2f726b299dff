import { sendExternalBody, taskIdOf } from '../../../nodes/Selarti/body';
import { authorOf, filteredOut, listOf, parseSelartiRequest, toSelartiItem } from '../../../nodes/Selarti/inbound';
import { isSecretValid, secretOf } from '../../../nodes/Selarti/verify';
import { platformMessage } from '../../../nodes/shared/errors';
import { RequestError } from '../../../nodes/shared/webhook';

function rejection(body: Record<string, unknown>): RequestError {
	try {
		parseSelartiRequest(body as never);
	} catch (error) {
		return error as RequestError;
	}
	throw new Error('expected a rejection');
}

describe('secret', () => {
	it('reads the secret query parameter', () => {
		expect(secretOf({ secret: 'abc' })).toBe('abc');
		expect(secretOf({ secret: ['abc', 'def'] })).toBe('abc');
		expect(secretOf({ token: 'abc' })).toBeUndefined();
	});
	it('matches only the exact configured secret', () => {
		expect(isSecretValid('s3cret', 's3cret')).toBe(true);
		expect(isSecretValid('s3cret ', 's3cret')).toBe(false);
		expect(isSecretValid('s3cre', 's3cret')).toBe(false);
		expect(isSecretValid(undefined, 's3cret')).toBe(false);
		expect(isSecretValid('', '')).toBe(false);
		expect(isSecretValid('anything', '')).toBe(false);
	});
});

describe('parseSelartiRequest', () => {
	it('reads flags in every spelling', () => {
		const hook = parseSelartiRequest({ message_type: 'bot', message_text: 'x', get_contact: 'yes', interest: 'no', is_bot: 1, operator: '0', success: true, close: 'TRUE' });
		expect([hook.get_contact, hook.interest, hook.is_bot, hook.operator, hook.success, hook.close]).toEqual([true, false, true, false, true, true]);
		expect(parseSelartiRequest({ message_type: 'bot', message_text: 'x', close: 'да', success: 'нет', interest: '', operator: null })).toMatchObject({ close: true, success: false, interest: undefined, operator: undefined });
	});
	it('turns numeric ids into strings', () => {
		const hook = parseSelartiRequest({ external_chat_id: 123456789, message_id: 5, task_id: '1721129985149x478019552540622850' });
		expect(hook.external_chat_id).toBe('123456789');
		expect(hook.message_id).toBe('5');
	});
	it.each([
		[{ close: 'maybe' }, 'close'],
		[{ is_bot: 2 }, 'is_bot'],
		[{ message_id: {} }, 'message_id'],
		[{ title: ['a'] }, 'title'],
		[{ wh_type: true }, 'wh_type'],
	])('delivers %j, leaving out the odd %s', (body, field) => {
		const hook = parseSelartiRequest({ message_text: 'x', ...body });
		expect(hook.message_text).toBe('x');
		expect(hook[field as keyof typeof hook]).toBeUndefined();
	});
	it('reads an odd message_type as author other and keeps its text form', () => {
		const item = toSelartiItem(parseSelartiRequest({ message_text: 'hi', message_type: { v: 'bot' }, external_chat_id: 'c1' }), { message_type: { v: 'bot' } }, new Date(0));
		expect(item.author).toBe('other');
		expect(item.messageType).toBeUndefined();
		expect(item.raw).toEqual({ message_type: { v: 'bot' } });
		expect(authorOf(parseSelartiRequest({ message_text: 'x', message_type: 5 }).message_type)).toBe('other');
	});
	it('delivers an id without text, and refuses a body with neither text nor any id', () => {
		expect(parseSelartiRequest({ message_id: 'm1' }).message_id).toBe('m1');
		expect(rejection({ foo: 'bar' }).message).toMatch(/neither message_text nor any id/);
		expect(rejection({ message_text: '', title: 'Ivan', close: true }).message).toMatch(/neither message_text nor any id/);
		expect(rejection({ message_text: { t: 1 }, external_chat_id: ['x'] }).statusCode).toBe(400);
	});
});

describe('authors and filters', () => {
	it('recognises the author spellings', () => {
		expect(['bot', 'AI', 'бот'].map(authorOf)).toEqual(['bot', 'bot', 'bot']);
		expect(['operator', 'Manager', 'оператор'].map(authorOf)).toEqual(['operator', 'operator', 'operator']);
		expect(['user', 'client', 'Пользователь'].map(authorOf)).toEqual(['user', 'user', 'user']);
		expect(['', undefined, null, 'system'].map(authorOf)).toEqual(['other', 'other', 'other', 'other']);
	});
	it('filters by author and webhook type', () => {
		const filters = { authors: ['bot', 'operator'] as Array<'bot' | 'operator'>, webhookTypes: [] };
		expect(filteredOut(parseSelartiRequest({ message_type: 'user', message_id: 'm' }), filters)).toBe('messages by user are filtered out');
		expect(filteredOut(parseSelartiRequest({ message_type: 'bot', message_id: 'm' }), filters)).toBeUndefined();
		expect(filteredOut(parseSelartiRequest({ message_type: 'bot', wh_type: 'a', message_id: 'm' }), { ...filters, webhookTypes: ['b'] })).toBe('webhook type "a" is filtered out');
		expect(filteredOut(parseSelartiRequest({ message_type: 'bot', wh_type: 'b', message_id: 'm' }), { ...filters, webhookTypes: ['a', 'b'] })).toBeUndefined();
		expect(listOf(' a, ,b ')).toEqual(['a', 'b']);
	});
});

describe('toSelartiItem', () => {
	it('emits the common shape plus the documented fields', () => {
		const raw = { wh_type: 'new', message_type: 'operator', message_text: 'Hi', message_id: 'm1', external_chat_id: 'c1', channel_id: 'ch', contacts: '{"phone":"+7"}', close: 'no' };
		const item = toSelartiItem(parseSelartiRequest(raw), raw, new Date('2024-01-01T00:00:00Z'));
		expect(item).toEqual({
			platform: 'selarti', event: 'new', channelId: 'ch', chatId: 'c1', userId: 'c1', messageId: 'm1', text: 'Hi',
			timestamp: '2024-01-01T00:00:00.000Z', author: 'operator',
			selarti: { messageType: 'operator', webhookType: 'new', contacts: { phone: '+7' }, close: false }, raw,
		});
	});
});

describe('sendExternalBody', () => {
	it('builds exactly the three documented strings', () => {
		expect(sendExternalBody(' 1721129985149x478019552540622850 ', 123456789, 'Test message via api')).toEqual({
			task_id: '1721129985149x478019552540622850', chat_id: '123456789', message: 'Test message via api',
		});
	});
	it('names the missing field', () => {
		expect(() => sendExternalBody('', 'c', 'm')).toThrow('Task ID is required');
		expect(() => sendExternalBody('t', undefined, 'm')).toThrow('Chat ID is required');
		expect(() => sendExternalBody('t', 'c', '  ')).toThrow('Message is required');
	});
});

describe('Selarti error bodies', () => {
	it('finds the message of a Bubble workflow error', () => {
		expect(platformMessage({ statusCode: 400, body: { status: 'MISSING_DATA', message: 'Missing parameter task_id' } })).toBe('Missing parameter task_id');
		expect(platformMessage({ statusCode: 400, body: { status: 'MISSING_DATA' } })).toBeUndefined();
	});
});

describe('taskIdOf', () => {
	it('takes the node value, else the credential default, else names both places', () => {
		expect(taskIdOf('node-task', 'cred-task')).toBe('node-task');
		expect(taskIdOf('  ', 'cred-task')).toBe('cred-task');
		expect(taskIdOf(42, undefined)).toBe('42');
		expect(() => taskIdOf('', '')).toThrow(
			expect.objectContaining({
				message: 'Task ID is required',
				hint: expect.stringMatching(/Set Task ID on the node, or Default Task ID in the Selarti credential/),
			}),
		);
	});
});
