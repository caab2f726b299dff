import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isAllowedHost, urlHost } from '../shared/hosts';
import { platformRequest, type PlatformResponse } from '../shared/http';
import { channelWebhookUrl } from './format';

export const PLATFORM = 'BRIX';
export const CREDENTIAL = 'brixApi';

/** The BRIX webhook of the channel an item targets: a full URL, or the channel ID with the credential's base URL. */
export async function targetUrl(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<string> {
	const target = this.getNodeParameter('target', itemIndex, 'channelId') as string;
	if (target === 'webhookUrl') {
		const url = String(this.getNodeParameter('webhookUrl', itemIndex, '')).trim();
		if (!/^https?:\/\//i.test(url)) {
			throw new Error('The BRIX webhook URL must start with http:// or https://');
		}
		const credentials = await this.getCredentials(CREDENTIAL, itemIndex);
		const allowed = urlHost(credentials.baseUrl);
		if (!isAllowedHost(url, [allowed])) {
			throw new Error(
				allowed === undefined
					? '"Webhook URL" needs the credential\'s BRIX Base URL: the token is only sent to that host. Set BRIX Base URL to the address in the connect event\'s webhook URL.'
					: `"Webhook URL" points to ${urlHost(url) ?? 'an invalid host'}, not to ${allowed} (the credential's BRIX Base URL): the token is only sent to that host`,
			);
		}
		return url;
	}
	const credentials = await this.getCredentials(CREDENTIAL, itemIndex);
	const channelId =
		String(this.getNodeParameter('channelId', itemIndex, '') ?? '').trim() || String(credentials.channelId ?? '').trim();
	if (!channelId) throw new Error('No channel ID: set one on the node or as the credential\'s default channel ID');
	return channelWebhookUrl(String(credentials.baseUrl ?? ''), channelId);
}

/**
 * POSTs one request to a BRIX channel webhook. The credential adds `token` to the JSON body.
 * `idempotent` allows retrying 5xx answers (messages carry their externalMessageId, so a repeat is safe).
 */
export async function brixPost(
	this: IExecuteFunctions,
	url: string,
	body: IDataObject,
	itemIndex: number,
	idempotent: boolean,
): Promise<PlatformResponse<unknown>> {
	return platformRequest.call(this, {
		platform: PLATFORM,
		credentialType: CREDENTIAL,
		options: { method: 'POST', url, body, json: true },
		retry: { idempotent },
		itemIndex,
	});
}
