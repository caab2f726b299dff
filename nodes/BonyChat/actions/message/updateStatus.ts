import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildEvent, timestampMs, validateMessageId } from '../../events';
import type { StatusValue } from '../../events';
import { contactIdField, timestampField } from './fields';
import { postForItems } from './post';

const show = { resource: ['message'], operation: ['updateStatus'] };

export const description: INodeProperties[] = [
	contactIdField(['updateStatus']),
	{
		displayName: 'Message ID',
		name: 'mId',
		type: 'string',
		required: true,
		default: '',
		description: 'The mId the trigger answered for the outgoing message whose status changed',
		displayOptions: { show },
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'delivered',
		options: [
			{ name: 'Delivered', value: 'delivered' },
			{ name: 'Failed', value: 'failed' },
			{ name: 'Read', value: 'read', description: 'Marks the message as read' },
			{ name: 'Sent', value: 'sent' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Failure Reason',
		name: 'failureReason',
		type: 'string',
		default: '',
		description: 'Why the message could not be delivered',
		displayOptions: { show: { ...show, status: ['failed'] } },
	},
	timestampField(['updateStatus']),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await postForItems(this, (index) => {
		const value = this.getNodeParameter('status', index) as StatusValue;
		const event = buildEvent({
			type: 'message_status',
			mId: validateMessageId(String(this.getNodeParameter('mId', index) ?? '').trim()),
			timestamp: timestampMs(this.getNodeParameter('timestamp', index, '')),
			status: {
				value,
				message: value === 'failed' ? (this.getNodeParameter('failureReason', index, '') as string) : undefined,
			},
		});
		return { contactId: this.getNodeParameter('contactId', index), events: [event] };
	});
}
