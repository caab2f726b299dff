import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Bot-Token': '={{$credentials.token}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.endpointUrl.replace(/\\/+$/, "")}}',
			url: '/api/bot/v1/bots',
			method: 'GET',
			qs: { self: 1, limit: 1 },
		},
	};
}
