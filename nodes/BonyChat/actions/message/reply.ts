import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { generateMessageId, validateMessageId } from '../../events';

const show = { resource: ['message'], operation: ['reply'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Answers the platform\'s pending <code>/message</code> request. Works only when the BonyChat Trigger\'s Reply Mode is "Using Reply Operation"; runs once per execution.',
		name: 'replyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Outcome',
		name: 'outcome',
		type: 'options',
		default: 'sent',
		options: [
			{
				name: 'Failed',
				value: 'failed',
				description: 'Answer an error status with {"error":{"message"}}: the platform marks the message as failed',
			},
			{
				name: 'Sent',
				value: 'sent',
				description: 'Answer 200 {"mId"}: the platform marks the message as sent',
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'Message ID',
		name: 'replyMessageId',
		type: 'string',
		default: '={{ $json.messageId }}',
		description:
			'The mId to answer, e.g. the ID the destination platform gave the message (at most 50 characters). Empty generates one.',
		displayOptions: { show: { ...show, outcome: ['sent'] } },
	},
	{
		displayName: 'Error Message',
		name: 'errorMessage',
		type: 'string',
		default:
			'={{ typeof $json.error === "object" && $json.error !== null ? $json.error.message : ($json.error || "The message could not be delivered") }}',
		description: 'Why the message failed; the platform shows it with the failed message',
		displayOptions: { show: { ...show, outcome: ['failed'] } },
	},
	{
		displayName: 'Status Code',
		name: 'statusCode',
		type: 'number',
		default: 400,
		typeOptions: { minValue: 400, maxValue: 599 },
		description: 'HTTP status of the error answer (4xx or 5xx)',
		displayOptions: { show: { ...show, outcome: ['failed'] } },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const outcome = this.getNodeParameter('outcome', 0) as string;
	let body: { mId: string } | { error: { message: string } };
	let statusCode = 200;
	if (outcome === 'failed') {
		const message = String(this.getNodeParameter('errorMessage', 0, '') ?? '').trim();
		body = { error: { message: message || 'The message could not be delivered' } };
		statusCode = this.getNodeParameter('statusCode', 0, 400) as number;
		if (!Number.isInteger(statusCode) || statusCode < 400 || statusCode > 599) {
			throw new NodeOperationError(this.getNode(), 'Status Code must be between 400 and 599', { itemIndex: 0 });
		}
	} else {
		const given = String(this.getNodeParameter('replyMessageId', 0, '') ?? '').trim();
		try {
			body = { mId: given ? validateMessageId(given) : generateMessageId() };
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: 0 });
		}
	}
	await this.sendResponse({ body, headers: { 'content-type': 'application/json' }, statusCode });
	return items.map((item, index) => ({
		json: { ...item.json, reply: { statusCode, body } },
		pairedItem: { item: index },
	}));
}
