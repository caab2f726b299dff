import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { postbackBody } from '../../bodies';
import { postToBot } from '../../transport';
import { recipientFields, recipientOf } from './common';
import { sendResult } from '../../../shared/message';

const show = { resource: ['message'], operation: ['sendPostback'] };

export const description: INodeProperties[] = [
	...recipientFields('sendPostback'),
	{
		displayName: 'Button Title',
		name: 'buttonTitle',
		type: 'string',
		default: '',
		required: true,
		description: 'Title of the button the contact clicked (content and submitted_values[].title)',
		displayOptions: { show },
	},
	{
		displayName: 'Button Payload',
		name: 'buttonPayload',
		type: 'string',
		default: '',
		required: true,
		description: 'Payload of the button, as received in the buttons of the UChat Trigger output',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const recipient = await recipientOf.call(this, itemIndex);
	const title = String(this.getNodeParameter('buttonTitle', itemIndex, '') ?? '');
	const payload = String(this.getNodeParameter('buttonPayload', itemIndex, '') ?? '');
	if (title === '') throw new NodeOperationError(this.getNode(), 'Button Title is required', { itemIndex });
	const response = await postToBot.call(
		this,
		recipient.botUrl,
		postbackBody(title, payload, recipient.sender, recipient.conversationId),
		itemIndex,
	);
	return {
		json: sendResult('uchat', recipient.conversationId, null, { conversationId: recipient.conversationId, messages: 1, responses: [response] }),
		pairedItem: { item: itemIndex },
	};
}
