import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** MessageGateway Bot API: the endpoint and bot token the module registration returns. */
export class RetailCrmBotApi implements ICredentialType {
	name = 'retailCrmBotApi';

	displayName = 'retailCRM Bot API';

	icon = { light: 'file:../nodes/RetailCrm/retailcrm.svg', dark: 'file:../nodes/RetailCrm/retailcrm.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-chat-bridge/n8n-nodes-chat-bridge/blob/main/docs/retailcrm.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Endpoint URL',
			name: 'endpointUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://mg-s1.retailcrm.pro',
			description: 'The MessageGateway address returned by the module registration (info.mgBot.endpointUrl)',
		},
		{
			displayName: 'Bot Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The bot token returned by the module registration (info.mgBot.token)',
		},
	];

	/**
	 * A function rather than a generic `{{$credentials.token}}` header: the WebSocket trigger also calls the
	 * Bot API long after activation (catch-up reads, file URLs), where n8n 2.41 has no expression sandbox
	 * for the trigger and a generic authenticate fails with "No bridge acquired for this context".
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'X-Bot-Token': String(credentials.token ?? '') },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.endpointUrl.replace(/\\/+$/, "")}}',
			url: '/api/bot/v1/bots',
			method: 'GET',
			qs: { self: 1, limit: 1 },
		},
	};
}
