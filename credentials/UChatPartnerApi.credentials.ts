import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** The partner API key that manages the API Chat webhook of client workspaces. */
export class UChatPartnerApi implements ICredentialType {
	name = 'uChatPartnerApi';

	displayName = 'UChat Partner API';

	icon: Icon = { light: 'file:../nodes/UChat/uchat.svg', dark: 'file:../nodes/UChat/uchat.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-chat-bridge/n8n-nodes-chat-bridge/blob/main/docs/uchat.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www.uchat.com.au',
			placeholder: 'e.g. https://www.uchat.com.au',
			description: 'Address of the UChat dashboard, without /api. White-label partners use their own domain.',
			required: true,
		},
		{
			displayName: 'Partner API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'API key created in the partner workspace (profile menu > API Keys)',
			required: true,
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
			url: '/partner/workspaces',
			method: 'GET',
		},
	};
}
