import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class BonyChatApi implements ICredentialType {
	name = 'bonyChatApi';

	displayName = 'BonyChat / respond.io Custom Channel API';

	icon = {
		light: 'file:../nodes/BonyChat/bonychat.svg',
		dark: 'file:../nodes/BonyChat/bonychat.dark.svg',
	} as const;

	documentationUrl = 'https://github.com/n8n-nodes-chat-bridge/n8n-nodes-chat-bridge/blob/main/docs/bonychat.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Channel ID',
			name: 'channelId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'gfd8g7fd89dgfd',
			description: 'The Channel ID shown in the dialog after creating the Custom Channel',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API Token shown in the same dialog. The platform sends it as a Bearer token to the trigger, and the action sends it back with every event.',
		},
		{
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			default: 'https://app.respond.io/custom/channel/webhook/',
			required: true,
			description:
				'The Webhook URL shown in the same dialog. Keep the respond.io default or paste the URL your white label (for example BonyChat) shows.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	// An event batch without events: the platform checks the token and the channel, and nothing is stored.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{$credentials.webhookUrl}}',
			body: {
				channelId: '={{$credentials.channelId}}',
				events: [],
			},
			json: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'The platform did not accept the API token' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'The API token does not belong to this channel' },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'The Webhook URL or the Channel ID is wrong' },
			},
		],
	};
}
