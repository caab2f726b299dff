import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { platformRequest } from '../shared/http';

export const PLATFORM = 'BonyChat / respond.io';
export const CREDENTIAL = 'bonyChatApi';

export interface ChannelCredential {
	channelId: string;
	webhookUrl: string;
}

export async function channelCredential(ctx: IExecuteFunctions): Promise<ChannelCredential> {
	const credentials = await ctx.getCredentials<{ channelId: string; webhookUrl: string }>(CREDENTIAL);
	return { channelId: String(credentials.channelId ?? '').trim(), webhookUrl: String(credentials.webhookUrl ?? '').trim() };
}

/** Posts one webhook body (message, echo or status events) to the channel's Webhook URL. */
export async function postEvents(
	ctx: IExecuteFunctions,
	webhookUrl: string,
	body: IDataObject,
	itemIndex: number,
): Promise<{ statusCode: number; body: unknown }> {
	const response = await platformRequest.call(ctx, {
		platform: PLATFORM,
		credentialType: CREDENTIAL,
		options: {
			method: 'POST',
			url: webhookUrl,
			body,
			headers: { 'Content-Type': 'application/json' },
		},
		// The same mId is sent again, so the platform can deduplicate a repeated event.
		retry: { idempotent: true },
		itemIndex,
	});
	return { statusCode: response.statusCode, body: response.body };
}
