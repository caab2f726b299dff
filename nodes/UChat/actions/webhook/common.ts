import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idLocator, locatorValue } from '../../../shared/locator';
import type { ApiChatWebhook } from '../../transport';

export function workspaceField(operation: string): INodeProperties {
	return {
		...idLocator({
			displayName: 'Workspace ID',
			name: 'workspaceId',
			description: 'The client workspace whose API Chat webhook is managed',
			searchListMethod: 'searchWorkspaces',
			idPlaceholder: 'e.g. 123456',
		}),
		displayOptions: { show: { resource: ['webhook'], operation: [operation] } },
	};
}

export function workspaceIdParameter(this: IExecuteFunctions, itemIndex: number): string {
	return locatorValue(this.getNodeParameter('workspaceId', itemIndex, '', { extractValue: true }));
}

/** The registration without its verification key (a secret), plus whether one is set. */
export function publicWebhook(webhook: ApiChatWebhook): IDataObject {
	const { webhook_verification_key: key, ...rest } = webhook;
	return { ...rest, has_verification_key: key !== '' };
}
