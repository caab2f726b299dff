import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idString } from '../../../shared/message';
import { ParameterError } from '../../../shared/runner';
import { originalMessageId } from '../../delivery';

const show = { resource: ['message'], operation: ['handleOutcome'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Deprecated: the BRIX Trigger now hands each messageOutcome to the execution that sent the message, and Send (with Wait for Delivery) re-sends by itself. This operation only reports the outcome; it can be removed.',
		name: 'outcomeNotice',
		type: 'notice',
		displayOptions: { show },
		default: '',
	},
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '={{ $json.messageId }}',
		description: 'The messageId of the messageOutcome event',
	},
	{
		displayName: 'Success',
		name: 'success',
		type: 'options',
		displayOptions: { show },
		default: 'fromItem',
		description: 'Whether BRIX processed the message',
		options: [
			{
				name: 'From Input Item',
				value: 'fromItem',
				description: 'The success field of the BRIX Trigger\'s messageOutcome item',
			},
			{ name: 'No', value: false },
			{ name: 'Yes', value: true },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const messageId = originalMessageId(idString(this.getNodeParameter('messageId', itemIndex, '')));
	if (!messageId) {
		throw new ParameterError('Message ID is empty', 'Map the messageId of the BRIX Trigger\'s messageOutcome item into Message ID.');
	}
	const chosen = this.getNodeParameter('success', itemIndex, 'fromItem') as unknown;
	// Workflows saved before this was a choice store the expression `{{ $json.success }}`, which gives the item's value.
	const flag = chosen === 'fromItem' ? this.getInputData()[itemIndex]?.json.success : chosen;
	const success = flag === true || String(flag).trim().toLowerCase() === 'true';
	return { messageId, success, action: success ? 'confirmed' : 'failed' };
}
