import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** The workspace flow API key that authenticates messages posted to the API Chat `bot_url`. */
export class UChatApi implements ICredentialType {
	name = 'uChatApi';

	displayName = 'UChat API';

	icon: Icon = { light: 'file:../nodes/UChat/uchat.svg', dark: 'file:../nodes/UChat/uchat.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-chat-bridge/n8n-nodes-chat-bridge/blob/main/docs/uchat.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www.uchat.com.au',
			placeholder: 'e.g. https://www.uchat.com.au',
			description:
				'Address of the UChat dashboard, without /api. White-label partners use their own domain. Used to test the key.',
			required: true,
		},
		{
			displayName: 'Flow API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Workspace API key with the "Manage Flow" permission (profile menu > API Keys)',
			required: true,
		},
		{
			displayName: 'Bot URL',
			name: 'botUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://bot.dfktv2.com/api/apichat/abc123',
			description:
				'The API Chat bot_url of the workspace. The UChat node uses the bot URL of the incoming item first and falls back to this one. The flow key is only sent to this host, the Base URL\'s host and bot.dfktv2.com.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/api',
			url: '/flow/bot-users-count',
			method: 'GET',
		},
	};
}
