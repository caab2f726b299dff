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
				description: 'The brix.success field of the BRIX Trigger\'s messageOutcome item',
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
	const flag = chosen === 'fromItem' ? outcomeOf(this.getInputData()[itemIndex]?.json) : chosen;
	const success = flag === true || String(flag).trim().toLowerCase() === 'true';
	return { messageId, success, action: success ? 'confirmed' : 'failed' };
}

/** The outcome in a BRIX Trigger item (`brix.success`), or `success` of an item built by hand. */
function outcomeOf(item: IDataObject | undefined): unknown {
	const brix = item?.brix as IDataObject | undefined;
	return brix?.success ?? item?.success;
}
