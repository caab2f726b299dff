import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idString, parseAttachments } from '../../../shared/message';
import { attachmentsToFiles } from '../../format';
import { outboxOf, recordSent } from '../../outbox';
import { brixPost, targetUrl } from '../../transport';
import { targetProperties } from '../common';

const show = { resource: ['message'], operation: ['send'] };

export const description: INodeProperties[] = [
	...targetProperties('message', ['send']),
	{
		displayName: 'Chat ID',
		name: 'externalChatId',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '={{ $json.chatId }}',
		description: 'ID of the client\'s chat in the messenger (externalChatId)',
	},
	{
		displayName: 'User ID',
		name: 'externalUserId',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '={{ $json.userId }}',
		description: 'ID of the client in the messenger (externalUserId). BRIX then asks the trigger for this user\'s info.',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		displayOptions: { show },
		default: '={{ $json.text }}',
		description: 'Message text',
	},
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'json',
		displayOptions: { show },
		default: '={{ $json.attachments }}',
		description: 'Files as a JSON array of objects with a URL and an optional name (the common attachments shape), sent to BRIX as files with name and URL',
	},
	{
		displayName: 'Message ID',
		name: 'externalMessageId',
		type: 'string',
		displayOptions: { show },
		default: '={{ $json.messageId }}',
		description:
			'ID of the message in the messenger (externalMessageId); BRIX reports the delivery outcome with it. Empty generates one.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Chat Name',
				name: 'externalChatName',
				type: 'string',
				default: '',
				description: 'Chat name shown to the operator (externalChatName). Empty uses the chat ID.',
			},
			{
				displayName: 'Remember for Resend',
				name: 'remember',
				type: 'boolean',
				default: true,
				description:
					'Whether to keep the message in the workflow\'s static data until BRIX confirms it, so "Handle Delivery Outcome" and "Resend Pending" can re-send it with the same ID',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const url = await targetUrl.call(this, itemIndex);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const chatId = idString(this.getNodeParameter('externalChatId', itemIndex, ''));
	const userId = idString(this.getNodeParameter('externalUserId', itemIndex, ''));
	if (!chatId) throw new Error('Chat ID is empty: map the client\'s chat ID');
	if (!userId) throw new Error('User ID is empty: map the client\'s user ID');
	const text = this.getNodeParameter('text', itemIndex, '');
	const attachments = parseAttachments(this.getNodeParameter('attachments', itemIndex, ''));
	const messageId = idString(this.getNodeParameter('externalMessageId', itemIndex, '')) ?? randomUUID();
	const data: IDataObject = {
		externalMessageId: messageId,
		externalChatId: chatId,
		externalChatName: idString(extra.externalChatName) ?? chatId,
		externalUserId: userId,
		text: typeof text === 'string' ? text : String(text ?? ''),
		files: attachmentsToFiles(attachments),
	};
	const response = await brixPost.call(this, url, { type: 'message', data }, itemIndex, true);
	if (extra.remember !== false) {
		const staticData = this.getWorkflowStaticData('global');
		const outbox = { ...outboxOf(staticData) };
		recordSent(outbox, messageId, url, data, Date.now());
		staticData.brixOutbox = outbox;
	}
	return { messageId, chatId, userId, statusCode: response.statusCode, response: response.body as IDataObject };
}
