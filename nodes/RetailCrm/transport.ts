import { NodeApiError, sleep } from 'n8n-workflow';
import type { IDataObject, IHttpRequestMethods, INode, JsonObject } from 'n8n-workflow';

import { platformRequest, type HttpContext } from '../shared/http';

export const BOT_CREDENTIAL = 'retailCrmBotApi';
export const API_CREDENTIAL = 'retailCrmApi';
export const BOT_PREFIX = '/api/bot/v1';
const PLATFORM = 'retailCRM';

/** Query values: arrays are sent as repeated keys (`role=a&role=b`), as the official clients do. */
export type Query = Record<string, string | number | boolean | Array<string | number> | undefined>;

export function buildQuery(query: Query | undefined): string {
	if (!query) return '';
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === '') continue;
		const values = Array.isArray(value) ? value : [value];
		for (const entry of values) {
			if (entry === '' || entry === undefined) continue;
			params.append(key, typeof entry === 'boolean' ? (entry ? '1' : '0') : String(entry));
		}
	}
	const text = params.toString();
	return text === '' ? '' : `?${text}`;
}

export function trimUrl(url: unknown): string {
	return String(url ?? '').trim().replace(/\/+$/, '');
}

/**
 * At most `perSecond` requests in any one-second window (the documented 10 requests/s per key).
 * One limiter lives per node run; it keeps nothing between runs.
 */
export class RateLimiter {
	private readonly stamps: number[] = [];

	constructor(private readonly perSecond = 10) {}

	async wait(now: () => number = Date.now): Promise<void> {
		for (;;) {
			const current = now();
			while (this.stamps.length > 0 && current - this.stamps[0] >= 1000) this.stamps.shift();
			if (this.stamps.length < this.perSecond) {
				this.stamps.push(current);
				return;
			}
			await sleep(1000 - (current - this.stamps[0]) + 1);
		}
	}
}

export interface BotRequest {
	method: IHttpRequestMethods;
	path: string;
	query?: Query;
	body?: IDataObject | IDataObject[] | Buffer;
	headers?: IDataObject;
	itemIndex?: number;
	limiter?: RateLimiter;
	/** Safe to repeat after a timeout or 5xx (reads, idempotent updates). */
	idempotent?: boolean;
}

/** One Bot API call (`{endpointUrl}/api/bot/v1{path}`), authenticated by the credential's X-Bot-Token. */
export async function botRequest(this: HttpContext, request: BotRequest): Promise<IDataObject> {
	const credentials = await this.getCredentials(BOT_CREDENTIAL);
	const base = trimUrl(credentials.endpointUrl);
	await request.limiter?.wait();
	const isBuffer = Buffer.isBuffer(request.body);
	const response = await platformRequest.call(this, {
		platform: PLATFORM,
		credentialType: BOT_CREDENTIAL,
		itemIndex: request.itemIndex,
		retry: { idempotent: request.idempotent ?? request.method === 'GET' },
		options: {
			method: request.method,
			url: `${base}${BOT_PREFIX}${request.path}${buildQuery(request.query)}`,
			headers: { ...(isBuffer ? {} : { 'Content-Type': 'application/json' }), ...request.headers },
			...(request.body !== undefined ? { body: request.body } : {}),
			json: !isBuffer,
		},
	});
	let body = response.body as unknown;
	if (typeof body === 'string' && body.trim() !== '') {
		try {
			body = JSON.parse(body);
		} catch {
			// keep the text
		}
	}
	return (body === '' || body === undefined || body === null ? {} : body) as IDataObject;
}

/** retailCRM answers errors as `{ success: false, errorMsg, errors: { field: message } }`. */
export function v5ErrorText(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const data = body as IDataObject;
	const parts: string[] = [];
	if (typeof data.errorMsg === 'string' && data.errorMsg !== '') parts.push(data.errorMsg);
	const errors = data.errors;
	if (Array.isArray(errors)) {
		parts.push(...errors.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))));
	} else if (typeof errors === 'object' && errors !== null) {
		for (const [field, message] of Object.entries(errors)) {
			parts.push(`${field}: ${typeof message === 'string' ? message : JSON.stringify(message)}`);
		}
	}
	return parts.length > 0 ? parts.join('; ') : undefined;
}

/** A failed v5 call as a node error naming both `errorMsg` and every field of `errors`. */
export function v5Error(node: INode, error: unknown, itemIndex?: number): NodeApiError {
	if (!(error instanceof NodeApiError)) return new NodeApiError(node, error as JsonObject, { itemIndex });
	const detail = v5ErrorText(error.errorResponse);
	return new NodeApiError(node, (error.errorResponse ?? {}) as JsonObject, {
		message: detail ? `retailCRM answered ${error.httpCode ?? 'an error'}: ${detail}` : error.message,
		description: error.description ?? undefined,
		httpCode: error.httpCode ?? undefined,
		itemIndex,
	});
}

export interface V5Request {
	method: IHttpRequestMethods;
	path: string;
	form?: Record<string, string>;
	itemIndex?: number;
	limiter?: RateLimiter;
}

/** One retailCRM API v5 call (`{accountUrl}/api/v5{path}`), authenticated by the X-API-KEY header. */
export async function v5Request<T extends IDataObject = IDataObject>(this: HttpContext, request: V5Request): Promise<T> {
	const credentials = await this.getCredentials(API_CREDENTIAL);
	const base = trimUrl(credentials.accountUrl);
	await request.limiter?.wait();
	let body: unknown;
	try {
		const response = await platformRequest.call(this, {
			platform: PLATFORM,
			credentialType: API_CREDENTIAL,
			itemIndex: request.itemIndex,
			retry: { idempotent: request.method === 'GET' },
			options: {
				method: request.method,
				url: `${base}/api/v5${request.path}`,
				...(request.form
					? {
							body: new URLSearchParams(request.form).toString(),
							headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
							json: false,
						}
					: {}),
			},
		});
		body = response.body;
	} catch (error) {
		throw v5Error(this.getNode(), error, request.itemIndex);
	}
	if (typeof body === 'string') {
		const text = body.trim();
		if (text.startsWith('<')) {
			throw new NodeApiError(this.getNode(), { body: text.slice(0, 200) } as JsonObject, {
				message: 'retailCRM answered with an HTML page instead of JSON',
				description: 'Check the account URL in the credential: the account probably does not exist.',
				itemIndex: request.itemIndex,
			});
		}
		try {
			body = JSON.parse(text);
		} catch {
			throw new NodeApiError(this.getNode(), { body: text.slice(0, 200) } as JsonObject, {
				message: 'retailCRM answered with a body that is not JSON',
				itemIndex: request.itemIndex,
			});
		}
	}
	const data = (body ?? {}) as T;
	if ((data as IDataObject).success === false) {
		throw new NodeApiError(this.getNode(), data as JsonObject, {
			message: `retailCRM rejected the request: ${v5ErrorText(data) ?? 'no reason given'}`,
			itemIndex: request.itemIndex,
		});
	}
	return data;
}

export interface ListOptions {
	path: string;
	query: Query;
	returnAll: boolean;
	limit: number;
	itemIndex?: number;
	limiter?: RateLimiter;
	/** Page size when returning all (the API allows up to 1000). */
	pageSize?: number;
}

/**
 * Reads a Bot API list. The lists have no paging metadata and come in ascending id order, except with `until`
 * (newest first): the next page starts after the last id (`since_id`), or before the lowest one (`until_id`) when
 * newest first, until a page comes back shorter than asked.
 */
export async function botList(this: HttpContext, options: ListOptions): Promise<IDataObject[]> {
	const pageSize = options.pageSize ?? 1000;
	if (!options.returnAll) {
		const page = await botRequest.call(this, {
			method: 'GET',
			path: options.path,
			query: { ...options.query, limit: options.limit },
			itemIndex: options.itemIndex,
			limiter: options.limiter,
		});
		return asList(page).slice(0, options.limit);
	}
	const newestFirst = options.query.until !== undefined && options.query.until !== '';
	const cursorName = newestFirst ? 'until_id' : 'since_id';
	const all: IDataObject[] = [];
	let cursor = options.query[cursorName];
	const seen = new Set<string>();
	for (;;) {
		const page = asList(
			await botRequest.call(this, {
				method: 'GET',
				path: options.path,
				query: { ...options.query, [cursorName]: cursor, limit: pageSize },
				itemIndex: options.itemIndex,
				limiter: options.limiter,
			}),
		);
		let advanced = false;
		for (const entry of page) {
			const key = String(entry.id ?? JSON.stringify(entry));
			if (seen.has(key)) continue;
			seen.add(key);
			all.push(entry);
			advanced = true;
		}
		const next = nextCursor(page, newestFirst);
		if (page.length < pageSize || !advanced || next === undefined) return all;
		cursor = next;
	}
}

/** The cursor for the next page: the largest numeric id of a page, or the lowest one when newest first. */
export function nextCursor(page: IDataObject[], newestFirst = false): number | undefined {
	let edge: number | undefined;
	for (const entry of page) {
		const id = Number(entry.id);
		if (!Number.isFinite(id)) continue;
		if (edge === undefined || (newestFirst ? id < edge : id > edge)) edge = id;
	}
	return edge;
}

export function asList(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (typeof body === 'object' && body !== null) {
		for (const key of ['items', 'data', 'result']) {
			const value = (body as IDataObject)[key];
			if (Array.isArray(value)) return value as IDataObject[];
		}
	}
	return [];
}
