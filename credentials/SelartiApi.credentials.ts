import type {
	IAuthenticateGeneric,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SelartiApi implements ICredentialType {
	name = 'selartiApi';

	displayName = 'Selarti API';

	icon = {
		light: 'file:../nodes/Selarti/selarti.svg',
		dark: 'file:../nodes/Selarti/selarti.dark.svg',
	} as const;

	documentationUrl = 'https://github.com/n8n-nodes-chat-bridge/n8n-nodes-chat-bridge/blob/main/docs/selarti.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://selarti.com',
			required: true,
			description: 'Address of the Selarti app; requests go to <Base URL>/api/1.1/wf/...',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The Bearer token for /api/1.1/wf/* requests: the token /api/1.1/wf/auth returns for your API key (see the docs). Needed to send; a credential used only by the trigger may leave it empty.',
		},
		{
			displayName: 'Default Task ID',
			name: 'taskId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1721129985149x478019552540622850',
			description:
				'The Web task (Tasks → your task) messages go to when the Selarti node leaves Task ID empty, so a bridge needs nothing but this credential',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'A random value you choose. Selarti does not sign its webhooks, so the trigger only accepts requests whose URL ends in ?secret=<this value>.',
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
}
