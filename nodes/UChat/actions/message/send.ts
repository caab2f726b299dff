import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parseAttachments, sendResult } from '../../../shared/message';
import { mediaBody, textBody } from '../../bodies';
import { postToBot } from '../../transport';
import { recipientFields, recipientOf } from './common';

export const description: INodeProperties[] = [
	...recipientFields('send'),
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '={{ $json.text }}',
		description: 'Text of the contact\'s message; sent as a text message when not empty',
		displayOptions: { show: { resource: ['message'], operation: ['send'] } },
	},
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'json',
		default: '={{ $json.attachments }}',
		description:
			'Files as a JSON array of { type: image|audio|video|file, URL }; each one is sent as its own media message after the text',
		displayOptions: { show: { resource: ['message'], operation: ['send'] } },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const recipient = await recipientOf.call(this, itemIndex);
	const text = String(this.getNodeParameter('text', itemIndex, '') ?? '');
	const attachments = parseAttachments(this.getNodeParameter('attachments', itemIndex, ''));
	const bodies: IDataObject[] = [];
	if (text.trim() !== '') bodies.push(textBody(text, recipient.sender, recipient.conversationId));
	for (const attachment of attachments) {
		bodies.push(mediaBody(attachment.type, attachment.url, recipient.sender, recipient.conversationId));
	}
	if (bodies.length === 0) throw new NodeOperationError(this.getNode(), 'Nothing to send: both Text and Attachments are empty', { itemIndex });
	const responses: unknown[] = [];
	for (const body of bodies) {
		responses.push(await postToBot.call(this, recipient.botUrl, body, itemIndex));
	}
	return {
		json: sendResult('uchat', recipient.conversationId, null, { conversationId: recipient.conversationId, messages: bodies.length, responses }),
		pairedItem: { item: itemIndex },
	};
}
