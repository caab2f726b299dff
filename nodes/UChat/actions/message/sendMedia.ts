import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { mediaBody, type MediaType } from '../../bodies';
import { postToBot } from '../../transport';
import { recipientFields, recipientOf } from './common';
import { sendResult } from '../../../shared/message';

const show = { resource: ['message'], operation: ['sendMedia'] };

export const description: INodeProperties[] = [
	...recipientFields('sendMedia'),
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'File', value: 'file' },
			{ name: 'Image', value: 'image' },
			{ name: 'Video', value: 'video' },
		],
		default: 'image',
		description: 'Kind of file (attachments[].file_type)',
		displayOptions: { show },
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		default: '={{ $json.attachments?.[0]?.url }}',
		required: true,
		placeholder: 'e.g. https://example.com/picture.png',
		description: 'Public URL of the file (attachments[].data_url)',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const recipient = await recipientOf.call(this, itemIndex);
	const type = this.getNodeParameter('mediaType', itemIndex) as MediaType;
	const url = String(this.getNodeParameter('mediaUrl', itemIndex, '') ?? '').trim();
	if (!/^https?:\/\//i.test(url)) throw new NodeOperationError(this.getNode(), 'Media URL must be an http(s) URL', { itemIndex });
	const response = await postToBot.call(
		this,
		recipient.botUrl,
		mediaBody(type, url, recipient.sender, recipient.conversationId),
		itemIndex,
	);
	return {
		json: sendResult('uchat', recipient.conversationId, null, { conversationId: recipient.conversationId, messages: 1, responses: [response] }),
		pairedItem: { item: itemIndex },
	};
}
