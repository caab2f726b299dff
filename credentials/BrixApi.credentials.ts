import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class BrixApi implements ICredentialType {
	name = 'brixApi';

	displayName = 'BRIX API';

	icon: Icon = { light: 'file:../nodes/Brix/brix.svg', dark: 'file:../nodes/Brix/brix.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-chat-bridge/n8n-nodes-chat-bridge/blob/main/docs/brix.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token (Confirmation String)',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The access token / confirmation string from the BRIX channel settings. BRIX sends it in every request; the trigger rejects requests with another token (401).',
		},
		{
			displayName: 'Accept Unauthenticated Requests',
			name: 'acceptUnauthenticated',
			type: 'boolean',
			default: false,
			description:
				'Whether the BRIX Trigger may run without an access token. Then anyone who knows its URL can post operator messages and events into the workflow. Off: an empty access token makes the trigger answer every request 401.',
			displayOptions: { show: { token: [''] } },
		},
		{
			displayName: 'Outgoing Token',
			name: 'outgoingToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Token sent to BRIX in the body of every request from n8n. Leave empty to send the access token above.',
		},
		{
			displayName: 'BRIX Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://my-company.brix365.com',
			description:
				'Base URL of the BRIX / ELMA365 company (the address in the webhook URL of the connect event). Messages go to <base URL>/api/messengers/external/other/webhook/<channel ID>; the BRIX node sends the token to no other host. Empty for a trigger-only credential.',
		},
		{
			displayName: 'Default Channel ID',
			name: 'channelId',
			type: 'string',
			default: '',
			description:
				'BRIX channel ID used when an operation names none (the trigger outputs it on the connect event)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			body: {
				token: '={{$credentials.outgoingToken || $credentials.token}}',
			},
		},
	};
}
