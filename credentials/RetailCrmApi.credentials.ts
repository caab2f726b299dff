import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** retailCRM / Simla account API v5: used to register the bot module and read it back. */
export class RetailCrmApi implements ICredentialType {
	name = 'retailCrmApi';

	displayName = 'retailCRM API';

	icon = { light: 'file:../nodes/RetailCrm/retailcrm.svg', dark: 'file:../nodes/RetailCrm/retailcrm.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-chat-bridge/n8n-nodes-chat-bridge/blob/main/docs/retailcrm.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Account URL',
			name: 'accountUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://mycompany.retailcrm.ru',
			description: 'The address of the retailCRM / Simla account, without /api',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'An API key of the account (Settings > Integration > API access keys) with access to integration modules',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-KEY': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.accountUrl.replace(/\\/+$/, "")}}',
			url: '/api/credentials',
			method: 'GET',
		},
	};
}
