import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idString } from '../../../shared/message';
import { outboxOf, recordSent } from '../../outbox';
import { brixPost } from '../../transport';

const show = { resource: ['message'], operation: ['handleOutcome'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Feed this with the BRIX Trigger\'s messageOutcome events (same workflow as the BRIX "Send" node): failed messages are re-sent with the same ID, confirmed ones are forgotten',
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
		default: '={{ $json.success }}',
		description: 'The success field of the messageOutcome event: true when BRIX processed the message',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const messageId = idString(this.getNodeParameter('messageId', itemIndex, ''));
	if (!messageId) throw new Error('Message ID is empty: map the messageId of the messageOutcome event');
	const flag = this.getNodeParameter('success', itemIndex, '') as unknown;
	const success = flag === true || String(flag).trim().toLowerCase() === 'true';
	const staticData = this.getWorkflowStaticData('global');
	const outbox = { ...outboxOf(staticData) };
	const entry = outbox[messageId];
	if (success) {
		if (entry) {
			delete outbox[messageId];
			staticData.brixOutbox = outbox;
		}
		return { messageId, action: 'confirmed', known: entry !== undefined };
	}
	if (!entry) {
		return { messageId, action: 'unknown', known: false };
	}
	const response = await brixPost.call(this, entry.url, { type: 'message', data: entry.data }, itemIndex, true);
	recordSent(outbox, messageId, entry.url, entry.data, Date.now());
	staticData.brixOutbox = outbox;
	return {
		messageId,
		action: 'resent',
		known: true,
		attempts: outbox[messageId]?.attempts,
		statusCode: response.statusCode,
	};
}
