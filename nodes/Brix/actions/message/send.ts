import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idString, parseAttachments, sendResult } from '../../../shared/message';
import { conversationOfItem, originPlatformParameter } from '../../../shared/origin';
import { ParameterError } from '../../../shared/runner';
import { attachmentsToFiles } from '../../format';
import { brixPost, targetUrl } from '../../transport';
import { targetProperties } from '../common';

const show = { resource: ['message'], operation: ['send'] };
// An agent's tool call cannot wait for BRIX's outcome: the tool variant sends without waiting.
const showWaiting = { ...show, waitForDelivery: [true], '@tool': [false] };

export const description: INodeProperties[] = [
	...targetProperties('message', ['send']),
	{
		displayName: 'Chat ID',
		name: 'externalChatId',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '={{ $json.chatId }}',
		description:
			'ID of the client\'s chat in the messenger (externalChatId). A chat of another platform (see Chat Comes From) gets a BRIX chat of its own.',
	},
	{ ...originPlatformParameter, displayOptions: { show } },
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
		displayName: 'Wait for Delivery',
		name: 'waitForDelivery',
		type: 'boolean',
		noDataExpression: true,
		displayOptions: { show: { ...show, '@tool': [false] } },
		default: true,
		description:
			'Whether the execution waits for BRIX\'s messageOutcome and re-sends the message (same ID) when BRIX reports a failure or stays silent. Needs a BRIX Trigger of the channel on this n8n; it hands the outcome to this execution.',
	},
	{
		displayName: 'Outcome Timeout (Seconds)',
		name: 'outcomeTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		displayOptions: { show: showWaiting },
		default: 300,
		description:
			'How long to wait for a messageOutcome before sending again. n8n checks waiting executions once a minute, so below 70 seconds the re-send can come up to a minute later.',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1 },
		displayOptions: { show: showWaiting },
		default: 5,
		description: 'Sends in total (the first one included) before the message counts as not delivered',
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
				displayName: 'Remember for Resend (No Longer Used)',
				name: 'remember',
				type: 'boolean',
				default: true,
				description:
					'Whether to keep the message for re-sending. No effect any more: with Wait for Delivery the sending execution itself re-sends.',
			},
		],
	},
];

export interface BuiltMessage {
	url: string;
	messageId: string;
	chatId: string;
	userId: string;
	data: IDataObject;
}

/** The BRIX request for one item; `deliveryId` turns the workflow's message ID into the ID BRIX gets. */
export async function buildMessage(
	this: IExecuteFunctions,
	itemIndex: number,
	deliveryId: (messageId: string) => string = (messageId) => messageId,
): Promise<BuiltMessage> {
	const url = await targetUrl.call(this, itemIndex);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const chatId = idString(conversationOfItem(this, 'brix', 'externalChatId', itemIndex).key);
	const userId = idString(this.getNodeParameter('externalUserId', itemIndex, ''));
	if (!chatId) throw new ParameterError('Chat ID is empty', 'Map the client\'s chat ID into Chat ID, e.g. {{ $json.chatId }} of a trigger item.');
	if (!userId) throw new ParameterError('User ID is empty', 'Map the client\'s user ID into User ID, e.g. {{ $json.userId }} of a trigger item.');
	const text = this.getNodeParameter('text', itemIndex, '');
	const attachments = parseAttachments(this.getNodeParameter('attachments', itemIndex, ''));
	const messageId = idString(this.getNodeParameter('externalMessageId', itemIndex, '')) ?? randomUUID();
	const data: IDataObject = {
		externalMessageId: deliveryId(messageId),
		externalChatId: chatId,
		externalChatName: idString(extra.externalChatName) ?? chatId,
		externalUserId: userId,
		text: typeof text === 'string' ? text : String(text ?? ''),
		files: attachmentsToFiles(attachments),
	};
	return { url, messageId, chatId, userId, data };
}

/** Send without waiting: one request, the answer of BRIX as output. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { url, messageId, chatId, userId, data } = await buildMessage.call(this, itemIndex);
	const response = await brixPost.call(this, url, { type: 'message', data }, itemIndex, true);
	return sendResult('brix', chatId, messageId, { userId, statusCode: response.statusCode, response: response.body as IDataObject });
}
