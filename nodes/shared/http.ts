import { NodeOperationError, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeProperties,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { errorCode, httpStatusError, networkError } from './errors';

export type HttpContext =
	| IExecuteFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| ITriggerFunctions
	| IWebhookFunctions;

export interface RetryPolicy {
	/** Total attempts, the first one included. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/**
	 * Whether the request may be repeated after an answer that does not prove it was not processed
	 * (500/502/504, timeouts, resets). 429 and 503 answers and refused connections are always retried:
	 * the platform did not process the request.
	 */
	idempotent: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 10_000, idempotent: false };
export const DEFAULT_TIMEOUT_MS = 30_000;
/** The longest wait between two attempts: a longer Retry-After is cut to this. */
export const MAX_RETRY_WAIT_MS = 30_000;
export const MAX_RETRIES = 5;
export const MAX_TIMEOUT_SECONDS = 300;

/**
 * The node option that makes the retry policy visible and tunable. Worst case for one request:
 * (Retries + 1) x Timeout + Retries x 30 s; with the defaults 4 x 30 s + 3 x 30 s = 3.5 minutes.
 */
export const requestOptionsParameter: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_RETRIES, numberPrecision: 0 },
			default: 3,
			description:
				'How many times a request is repeated when the platform is busy (429, 503) or cannot be reached; a send is repeated after other failures only when a repeat cannot duplicate it. Waits between attempts: the platform\'s Retry-After (at most 30 s) or 0.5 s doubling up to 10 s.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS, numberPrecision: 0 },
			default: 30,
			description:
				'How long one attempt may wait for the platform\'s answer. Worst case per request: (Retries + 1) × Timeout + Retries × 30 s.',
		},
	],
};

export interface RequestLimits {
	maxAttempts: number;
	timeoutMs: number;
}

/** The Request Options of a node as attempts and timeout; out-of-range values are refused, not bent. */
export function requestLimits(options: IDataObject | undefined): RequestLimits {
	const retries = options?.retries ?? DEFAULT_RETRY.maxAttempts - 1;
	const timeout = options?.timeout ?? DEFAULT_TIMEOUT_MS / 1000;
	if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES) {
		throw new RangeError(`Retries must be a whole number from 0 to ${MAX_RETRIES}, got ${JSON.stringify(retries)}`);
	}
	if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
		throw new RangeError(
			`Timeout (Seconds) must be a number from 1 to ${MAX_TIMEOUT_SECONDS}, got ${JSON.stringify(timeout)}`,
		);
	}
	return { maxAttempts: retries + 1, timeoutMs: Math.round(timeout * 1000) };
}

/** The longest one request can take: every attempt times out and every wait is the longest allowed. */
export function worstCaseMs(limits: RequestLimits): number {
	return limits.maxAttempts * limits.timeoutMs + (limits.maxAttempts - 1) * MAX_RETRY_WAIT_MS;
}

/** The Request Options of the node running `ctx` for an item; the defaults outside an action node's execution. */
function nodeRequestLimits(ctx: HttpContext, itemIndex: number | undefined): RequestLimits | undefined {
	if (itemIndex === undefined || !('getInputData' in ctx)) return undefined;
	const options = (ctx as IExecuteFunctions).getNodeParameter('requestOptions', itemIndex, {}) as IDataObject;
	try {
		return requestLimits(options);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			itemIndex,
			description: 'Fix the value under Request Options, or remove the option to use its default.',
		});
	}
}

export interface PlatformRequest {
	platform: string;
	credentialType: string;
	options: IHttpRequestOptions;
	retry?: Partial<RetryPolicy>;
	itemIndex?: number;
}

export interface PlatformResponse<T = unknown> {
	statusCode: number;
	headers: IDataObject;
	body: T;
}

const ALWAYS_RETRIED_STATUS = new Set([429, 503]);
const RETRIED_WHEN_IDEMPOTENT_STATUS = new Set([500, 502, 504]);
const NOTHING_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Delay demanded by a Retry-After header (seconds or HTTP date), capped; undefined when absent. */
export function retryAfterMs(headers: IDataObject | undefined, now = Date.now()): number | undefined {
	const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	const seconds = Number(text);
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(text) - now;
	if (!Number.isFinite(ms)) return undefined;
	return Math.min(Math.max(ms, 0), MAX_RETRY_WAIT_MS);
}

/** Capped exponential backoff with full jitter for attempt 1, 2, ... */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** The wait before attempt `attempt + 1` after a retriable answer: Retry-After when given, else the backoff. */
export function waitBeforeRetryMs(
	attempt: number,
	policy: RetryPolicy,
	headers?: IDataObject,
	random = Math.random,
): number {
	return Math.min(retryAfterMs(headers) ?? backoffMs(attempt, policy, random), MAX_RETRY_WAIT_MS);
}

export function isRetriableStatus(statusCode: number, policy: RetryPolicy): boolean {
	return ALWAYS_RETRIED_STATUS.has(statusCode) || (policy.idempotent && RETRIED_WHEN_IDEMPOTENT_STATUS.has(statusCode));
}

export function isRetriableNetworkError(error: unknown, policy: RetryPolicy): boolean {
	const code = errorCode(error);
	if (code && NOTHING_SENT_CODES.has(code)) return true;
	return policy.idempotent && code !== undefined;
}

/**
 * The one way the nodes talk HTTP: authenticated by the credential, bounded retries with backoff,
 * platform errors turned into NodeApiError with the platform's own message and no secrets.
 */
export async function platformRequest<T = unknown>(
	this: HttpContext,
	request: PlatformRequest,
): Promise<PlatformResponse<T>> {
	const limits = nodeRequestLimits(this, request.itemIndex);
	const policy: RetryPolicy = { ...DEFAULT_RETRY, ...request.retry, ...(limits && { maxAttempts: limits.maxAttempts }) };
	const options: IHttpRequestOptions = {
		json: true,
		timeout: limits?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		...request.options,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	for (let attempt = 1; ; attempt++) {
		let response: PlatformResponse<T>;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				request.credentialType,
				options,
			)) as PlatformResponse<T>;
		} catch (error) {
			if (attempt < policy.maxAttempts && isRetriableNetworkError(error, policy)) {
				await sleep(backoffMs(attempt, policy));
				continue;
			}
			throw networkError(this.getNode(), request.platform, error as Error, request.itemIndex);
		}
		if (response.statusCode < 400) return response;
		if (attempt < policy.maxAttempts && isRetriableStatus(response.statusCode, policy)) {
			await sleep(waitBeforeRetryMs(attempt, policy, response.headers));
			continue;
		}
		throw httpStatusError(this.getNode(), request.platform, response.statusCode, response.body, request.itemIndex);
	}
}
