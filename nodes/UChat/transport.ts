import { NodeApiError } from 'n8n-workflow';
import type {
	IDataObject,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	JsonObject,
} from 'n8n-workflow';

import { platformRequest, type HttpContext } from '../shared/http';
import { platformMessage } from '../shared/errors';
import { searchResult } from '../shared/locator';

export const PLATFORM = 'UChat';
export const PARTNER_CREDENTIAL = 'uChatPartnerApi';
export const FLOW_CREDENTIAL = 'uChatApi';

/** The API Chat webhook registration as the partner API returns it. */
export interface ApiChatWebhook extends IDataObject {
	webhook_url: string;
	webhook_verification_key: string;
	webhook_status: string;
	bot_url: string;
}

export function apiBase(baseUrl: unknown): string {
	const text = typeof baseUrl === 'string' && baseUrl.trim() !== '' ? baseUrl.trim() : 'https://www.uchat.com.au';
	return `${text.replace(/\/+$/, '').replace(/\/api$/, '')}/api`;
}

function asString(value: unknown): string {
	return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** Reads `{ status: "ok", data: {...} }`; anything else is an error carrying UChat's message. */
export function webhookFromResponse(body: unknown): ApiChatWebhook | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const envelope = body as IDataObject;
	if (envelope.status !== 'ok') return undefined;
	const data = (typeof envelope.data === 'object' && envelope.data !== null ? envelope.data : {}) as IDataObject;
	return {
		...data,
		webhook_url: asString(data.webhook_url),
		webhook_verification_key: asString(data.webhook_verification_key),
		webhook_status: asString(data.webhook_status),
		bot_url: asString(data.bot_url),
	};
}

/** GET / POST / DELETE `{baseUrl}/api/partner/workspace/{id}/apichat-webhook`, authenticated with the partner key. */
export async function partnerWebhook(
	this: HttpContext,
	method: IHttpRequestMethods,
	workspaceId: string,
	body?: IDataObject,
	itemIndex?: number,
): Promise<ApiChatWebhook> {
	const id = workspaceId.trim();
	if (id === '') {
		throw new NodeApiError(this.getNode(), {} as JsonObject, {
			message: 'Workspace ID is empty',
			description: 'Enter the id of the UChat workspace whose API Chat webhook should be managed',
			itemIndex,
		});
	}
	const credentials = await this.getCredentials(PARTNER_CREDENTIAL, itemIndex);
	const response = await platformRequest.call(this, {
		platform: PLATFORM,
		credentialType: PARTNER_CREDENTIAL,
		itemIndex,
		retry: { idempotent: true },
		options: {
			method,
			url: `${apiBase(credentials.baseUrl)}/partner/workspace/${encodeURIComponent(id)}/apichat-webhook`,
			headers: { Accept: 'application/json' },
			...(body ? { body } : {}),
		},
	});
	const webhook = webhookFromResponse(response.body);
	if (!webhook) {
		const detail = platformMessage(response.body);
		throw new NodeApiError(this.getNode(), { body: JSON.stringify(response.body ?? '').slice(0, 2000) } as JsonObject, {
			message: `UChat did not accept the webhook request${detail ? `: ${detail}` : ''}`,
			description: 'The partner API answered without "status": "ok". Check the workspace ID and that the API Chat add-on is enabled for it.',
			itemIndex,
		});
	}
	return webhook;
}

/** POST one message to the API Chat `bot_url`, authenticated with the flow API key. */
export async function postToBot(this: HttpContext, botUrl: string, body: IDataObject, itemIndex?: number): Promise<unknown> {
	const response = await platformRequest.call(this, {
		platform: PLATFORM,
		credentialType: FLOW_CREDENTIAL,
		itemIndex,
		options: {
			method: 'POST',
			url: botUrl,
			headers: { Accept: 'application/json' },
			body,
		},
	});
	return response.body;
}

/** One page of `GET {baseUrl}/api/partner/workspaces` as From List entries, plus the next page number if any. */
export async function searchWorkspaces(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials(PARTNER_CREDENTIAL);
	const page = Math.max(1, Number(paginationToken) || 1);
	const response = await platformRequest.call(this, {
		platform: PLATFORM,
		credentialType: PARTNER_CREDENTIAL,
		retry: { idempotent: true, maxAttempts: 2 },
		options: {
			method: 'GET',
			url: `${apiBase(credentials.baseUrl)}/partner/workspaces`,
			qs: page > 1 ? { page } : {},
			headers: { Accept: 'application/json' },
		},
	});
	const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as IDataObject;
	const rows = Array.isArray(response.body) ? response.body : Array.isArray(body.data) ? body.data : [];
	const items: INodeListSearchItems[] = [];
	for (const row of rows as IDataObject[]) {
		const id = asString(row.id ?? row.workspace_id ?? row.page_id);
		if (id === '') continue;
		const name = asString(row.name ?? row.title ?? row.workspace_name);
		items.push({ name: name === '' || name === id ? id : `${name} (${id})`, value: id });
	}
	const meta = (typeof body.meta === 'object' && body.meta !== null ? body.meta : body) as IDataObject;
	const lastPage = Number(meta.last_page);
	const next = Number.isFinite(lastPage) && page < lastPage ? String(page + 1) : undefined;
	return searchResult(items, filter, next);
}
