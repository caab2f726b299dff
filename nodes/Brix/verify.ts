import type { IDataObject } from 'n8n-workflow';

import { describeZodError } from '../shared/validation';
import { RequestError } from '../shared/webhook';
import { safeEqual } from '../shared/secrets';
import { BRIX_EVENTS, brixRequestSchemas, type BrixEvent } from './schemas';

export interface VerifiedRequest {
	event: BrixEvent;
	body: IDataObject;
}

/** Whether the token BRIX sent equals the configured confirmation string (constant time; empty matches empty). */
export function tokenMatches(received: unknown, expected: string): boolean {
	const value = typeof received === 'string' ? received : received === undefined || received === null ? '' : undefined;
	if (value === undefined) return false;
	return safeEqual(value, expected ?? '');
}

/** Channel ids from the allow-list parameter (comma, space or newline separated). */
export function parseAllowList(value: string | undefined): string[] {
	return (value ?? '')
		.split(/[\s,;]+/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/**
 * Checks one parsed BRIX request in the order the contract implies: token (401), then shape (400),
 * then channel (404). Throws a RequestError naming the problem.
 */
export function verifyBrixRequest(body: IDataObject, token: string, allowedChannels: string[]): VerifiedRequest {
	if (!tokenMatches(body.token, token)) throw new RequestError(401, 'Token does not match');
	const type = body.type;
	if (type === undefined || type === null || type === '') {
		throw new RequestError(400, 'body.type is missing');
	}
	if (typeof type !== 'string') throw new RequestError(400, 'body.type must be a string');
	if (!(BRIX_EVENTS as readonly string[]).includes(type)) {
		throw new RequestError(400, `body.type "${type.slice(0, 50)}" is not one of ${BRIX_EVENTS.join(', ')}`);
	}
	const event = type as BrixEvent;
	const parsed = brixRequestSchemas[event].safeParse(body);
	if (!parsed.success) throw new RequestError(400, describeZodError(parsed.error));
	const channelId = body.channelId === undefined || body.channelId === null ? undefined : String(body.channelId);
	if (allowedChannels.length > 0 && channelId !== undefined && !allowedChannels.includes(channelId)) {
		throw new RequestError(404, `Channel ${channelId.slice(0, 100)} does not exist here`);
	}
	return { event, body };
}
