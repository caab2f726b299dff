import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ApiChatWebhook } from '../../transport';

export function workspaceField(operation: string): INodeProperties {
	return {
		displayName: 'Workspace ID',
		name: 'workspaceId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 123456',
		description: 'ID of the client workspace whose API Chat webhook is managed',
		displayOptions: { show: { resource: ['webhook'], operation: [operation] } },
	};
}

/** The registration without its verification key (a secret), plus whether one is set. */
export function publicWebhook(webhook: ApiChatWebhook): IDataObject {
	const { webhook_verification_key: key, ...rest } = webhook;
	return { ...rest, has_verification_key: key !== '' };
}
