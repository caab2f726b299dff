import { sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
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
const MAX_RETRY_AFTER_MS = 60_000;

/** Delay demanded by a Retry-After header (seconds or HTTP date), capped; undefined when absent. */
export function retryAfterMs(headers: IDataObject | undefined, now = Date.now()): number | undefined {
	const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	const seconds = Number(text);
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(text) - now;
	if (!Number.isFinite(ms)) return undefined;
	return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** Capped exponential backoff with full jitter for attempt 1, 2, ... */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
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
	const policy: RetryPolicy = { ...DEFAULT_RETRY, ...request.retry };
	const options: IHttpRequestOptions = {
		json: true,
		timeout: 30_000,
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
			await sleep(retryAfterMs(response.headers) ?? backoffMs(attempt, policy));
			continue;
		}
		throw httpStatusError(this.getNode(), request.platform, response.statusCode, response.body, request.itemIndex);
	}
}
