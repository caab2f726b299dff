import type { IDataObject } from 'n8n-workflow';

import { describeZodError } from '../shared/validation';
import { RequestError } from '../shared/webhook';
import { safeEqual } from '../shared/secrets';
import { BRIX_EVENTS, brixRequestSchemas, type BrixEvent } from './schemas';

export interface VerifiedRequest {
	/** Undefined for a request type this version does not know. */
	event: BrixEvent | undefined;
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

/** What the trigger knows about channels: the allow-list the user typed and the channels BRIX disconnected. */
export interface ChannelKnowledge {
	allowed: string[];
	disconnected?: readonly string[];
}

export interface TokenPolicy {
	token: string;
	acceptUnauthenticated: boolean;
}

export const EMPTY_TOKEN_MESSAGE =
	'The BRIX API credential has no access token, so anyone could post to this URL. Set an access token (the same confirmation string as in the BRIX channel) or turn on "Accept Unauthenticated Requests" in the credential.';

/**
 * Checks one parsed BRIX request in the order the contract implies: token (401), then shape (400),
 * then channel (404). Throws a RequestError naming the problem. A request type this version does not know
 * gives `event: undefined`: the seed wants 200 for every request, so it is answered without an execution.
 */
export function verifyBrixRequest(body: IDataObject, policy: TokenPolicy, channels: ChannelKnowledge): VerifiedRequest {
	if (policy.token === '' && !policy.acceptUnauthenticated) throw new RequestError(401, EMPTY_TOKEN_MESSAGE);
	if (!tokenMatches(body.token, policy.token)) throw new RequestError(401, 'Token does not match');
	const type = body.type;
	if (type === undefined || type === null || type === '') {
		throw new RequestError(400, 'body.type is missing');
	}
	if (typeof type !== 'string') throw new RequestError(400, 'body.type must be a string');
	if (!(BRIX_EVENTS as readonly string[]).includes(type)) return { event: undefined, body };
	const event = type as BrixEvent;
	const parsed = brixRequestSchemas[event].safeParse(body);
	if (!parsed.success) throw new RequestError(400, describeZodError(parsed.error));
	const channelId = body.channelId === undefined || body.channelId === null ? undefined : String(body.channelId);
	if (channelId !== undefined && !channelExists(channelId, event, channels)) {
		throw new RequestError(404, `Channel ${channelId.slice(0, 100)} does not exist here`);
	}
	return { event, body };
}

/**
 * A channel exists unless the allow-list leaves it out or BRIX disconnected it (and has not connected it again).
 * `connect` always passes the disconnect record: it is how a channel comes back.
 */
function channelExists(channelId: string, event: BrixEvent, channels: ChannelKnowledge): boolean {
	if (channels.allowed.length > 0 && !channels.allowed.includes(channelId)) return false;
	if (event === 'connect') return true;
	return !(channels.disconnected ?? []).includes(channelId);
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
