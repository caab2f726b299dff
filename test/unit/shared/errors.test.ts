import type { INode } from 'n8n-workflow';

import { errorCode, httpStatusError, networkError, platformMessage } from '../../../nodes/shared/errors';

const node: INode = {
	id: '1',
	name: 'Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('platformMessage', () => {
	it.each([
		[{ error: { message: 'contactId is required' } }, 'contactId is required'],
		[{ errorMsg: 'Module not found' }, 'Module not found'],
		[{ errors: ['Chat not found', 'Bad id'] }, 'Chat not found; Bad id'],
		[{ errors: { code: 'is required' } }, 'code: is required'],
		[{ message: 'Unauthorized' }, 'Unauthorized'],
		[{ error: 'invalid_token' }, 'invalid_token'],
		['plain text failure', 'plain text failure'],
	])('reads %j', (body, expected) => {
		expect(platformMessage(body)).toBe(expected);
	});

	it('is undefined when nothing readable is there', () => {
		expect(platformMessage({ ok: false })).toBeUndefined();
		expect(platformMessage(undefined)).toBeUndefined();
		expect(platformMessage('  ')).toBeUndefined();
	});
});

describe('httpStatusError', () => {
	it('carries the platform message, the status and a hint', () => {
		const error = httpStatusError(node, 'retailCRM', 400, { errors: ['Chat not found'] }, 2);
		expect(error.message).toBe('retailCRM answered 400: Chat not found');
		expect(error.httpCode).toBe('400');
		expect(error.description).toMatch(/invalid/);
		expect(error.context.itemIndex).toBe(2);
	});
});

describe('networkError', () => {
	it('names the system error code but not the request', () => {
		const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
		const wrapped = Object.assign(new Error('outer'), { cause, config: { headers: { Authorization: 'Bearer x' } } });
		const error = networkError(node, 'UChat', wrapped);
		expect(error.message).toBe('Could not reach UChat');
		expect(error.description).toContain('econnrefused');
		expect(JSON.stringify(error)).not.toContain('Bearer x');
	});
});

describe('errorCode', () => {
	it('walks the cause chain', () => {
		const error = { message: 'x', cause: { cause: { code: 'ETIMEDOUT' } } };
		expect(errorCode(error)).toBe('ETIMEDOUT');
		expect(errorCode({ code: 401 })).toBeUndefined();
	});
});
