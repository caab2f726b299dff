import type { IDataObject } from 'n8n-workflow';

import { RequestError } from '../shared/webhook';
import { safeEqual } from '../shared/secrets';
import { parseBrixRequest, type ChannelKnowledge, type ParsedBrixRequest } from './inbound';
import type { BrixEvent } from './schemas';

export type { ChannelKnowledge };

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

export interface TokenPolicy {
	token: string;
	acceptUnauthenticated: boolean;
}

export const EMPTY_TOKEN_MESSAGE =
	'The BRIX API credential has no access token, so anyone could post to this URL. Set an access token (the same confirmation string as in the BRIX channel) or turn on "Accept Unauthenticated Requests" in the credential.';

/**
 * Checks one BRIX request in the order the contract implies: token (401), then shape (400) and channel (404)
 * (`parseBrixRequest`). Throws a RequestError naming the problem.
 */
export function verifyBrixRequest(body: IDataObject, policy: TokenPolicy, channels: ChannelKnowledge): ParsedBrixRequest {
	if (policy.token === '' && !policy.acceptUnauthenticated) throw new RequestError(401, EMPTY_TOKEN_MESSAGE);
	if (!tokenMatches(body.token, policy.token)) throw new RequestError(401, 'Token does not match');
	return parseBrixRequest(body, channels);
}

/** How many disconnected channels are remembered (oldest dropped first): forgetting one only costs a 404. */
export const DISCONNECTED_LIMIT = 200;

/** The disconnect record after one verified request: `disconnect` adds its channel, `connect` removes it. */
export function nextDisconnected(
	current: readonly string[] | undefined,
	event: BrixEvent,
	channelId: string | undefined,
): string[] | undefined {
	const list = current ?? [];
	if (channelId === undefined) return undefined;
	if (event === 'disconnect' && !list.includes(channelId)) return [...list, channelId].slice(-DISCONNECTED_LIMIT);
	if (event === 'connect' && list.includes(channelId)) return list.filter((entry) => entry !== channelId);
	return undefined;
}
