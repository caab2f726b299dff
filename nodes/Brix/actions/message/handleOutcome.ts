import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idString } from '../../../shared/message';
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
		type: 'string',
		displayOptions: { show },
		default: '={{ $json.brix?.success }}',
		description: 'The brix.success field of the messageOutcome item: true when BRIX processed the message',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const messageId = originalMessageId(idString(this.getNodeParameter('messageId', itemIndex, '')));
	if (!messageId) throw new Error('Message ID is empty: map the messageId of the messageOutcome event');
	const flag = this.getNodeParameter('success', itemIndex, '') as unknown;
	const success = flag === true || String(flag).trim().toLowerCase() === 'true';
	return { messageId, success, action: success ? 'confirmed' : 'failed' };
}
