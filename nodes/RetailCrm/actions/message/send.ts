import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseAttachments, sendResult } from '../../../shared/message';
import { uploadBinary, uploadByUrl } from '../../files';
import {
	fileMessage,
	groupAttachments,
	jsonObject,
	orderMessage,
	parseSuggestions,
	productMessage,
	splitList,
	textMessage,
	type FileItem,
	type FileKind,
	type SendOptions,
	type SendType,
} from '../../messages';
import { botRequest } from '../../transport';
import { forOperation, idParameter, mgIdLocator, type OperationContext } from '../common';

const fileTypes = { file: true, image: true, audio: true } as const;

export const description = forOperation('message', 'send', [
	mgIdLocator({
		displayName: 'Chat ID',
		name: 'chatId',
		description: 'The chat to write into',
		searchListMethod: 'searchChats',
		idDefault: '={{ $json.chatId }}',
	}),
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		default: 'text',
		options: [
			{ name: 'Audio', value: 'audio', description: 'An uploaded audio file' },
			{ name: 'File', value: 'file', description: 'One or more uploaded files' },
			{ name: 'Image', value: 'image', description: 'One or more uploaded images' },
			{ name: 'Order', value: 'order', description: 'An order card' },
			{ name: 'Product', value: 'product', description: 'A product card' },
			{ name: 'Text', value: 'text', description: 'Text, followed by the attachments, if any' },
		],
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '={{ $json.text }}',
		description: 'The message text; for files and images the note shown with them',
		displayOptions: { show: { messageType: ['text', 'file', 'image', 'audio'] } },
	},
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'json',
		default: '={{ $json.attachments }}',
		description:
			'Files to send after the text: a list of objects with type (image, video, audio or file), URL and name. Each one is uploaded by URL and sent as an image, audio or file message.',
		displayOptions: { show: { messageType: ['text'] } },
	},
	{
		displayName: 'File Source',
		name: 'fileSource',
		type: 'options',
		default: 'url',
		options: [
			{ name: 'Binary Data', value: 'binary', description: 'Upload files from the input item' },
			{ name: 'Uploaded File IDs', value: 'id', description: 'Files already uploaded to MessageGateway' },
			{ name: 'URL', value: 'url', description: 'Have MessageGateway download the files' },
		],
		displayOptions: { show: { messageType: ['file', 'image', 'audio'] } },
	},
	{
		displayName: 'File IDs',
		name: 'fileIds',
		type: 'string',
		default: '',
		required: true,
		description: 'Comma-separated UUIDs returned by a file upload',
		displayOptions: { show: { messageType: ['file', 'image', 'audio'], fileSource: ['id'] } },
	},
	{
		displayName: 'File URLs',
		name: 'fileUrls',
		type: 'string',
		default: '',
		required: true,
		description: 'Comma-separated public addresses of the files',
		displayOptions: { show: { messageType: ['file', 'image', 'audio'], fileSource: ['url'] } },
	},
	{
		displayName: 'Input Binary Fields',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Comma-separated names of the input binary fields to upload',
		displayOptions: { show: { messageType: ['file', 'image', 'audio'], fileSource: ['binary'] } },
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		description: 'Caption of every file (up to 1024 characters)',
		displayOptions: { show: { messageType: ['file', 'image', 'audio'] } },
	},
	{
		displayName: 'Product',
		name: 'product',
		type: 'json',
		default:
			'{\n  "id": 1,\n  "name": "Some Product",\n  "article": "Art-111",\n  "url": "https://example.com/product",\n  "img": "https://example.com/product.jpg",\n  "cost": { "value": 299, "currency": "rub" },\n  "unit": "pcs"\n}',
		required: true,
		description: 'The product card: ID, name (required), article, URL, image URL (img), cost { value, currency }, unit',
		displayOptions: { show: { messageType: ['product'] } },
	},
	{
		displayName: 'Order',
		name: 'order',
		type: 'json',
		default:
			'{\n  "number": "A123",\n  "url": "https://example.com/order/A123",\n  "cost": { "value": 299, "currency": "rub" },\n  "status": { "code": "new", "name": "New" },\n  "items": [{ "name": "Some Product", "price": { "value": 299, "currency": "rub" }, "quantity": { "value": 1 } }]\n}',
		required: true,
		description: 'The order card: number, URL, date, cost, discount, status { code, name }, delivery, payments, items',
		displayOptions: { show: { messageType: ['order'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Mass Communication',
				name: 'massCommunication',
				type: 'boolean',
				default: false,
				description: 'Whether the message is part of a mailing (it then opens no dialog)',
			},
			{
				displayName: 'Quick Replies',
				name: 'suggestions',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Quick Reply',
				options: [
					{
						displayName: 'Quick Reply',
						name: 'suggestion',
						values: [
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								default: 'text',
								options: [
									{ name: 'Email', value: 'email' },
									{ name: 'Phone', value: 'phone' },
									{ name: 'Text', value: 'text' },
									{ name: 'URL', value: 'url' },
								],
							},
							{ displayName: 'Title', name: 'title', type: 'string', default: '' },
							{ displayName: 'Payload', name: 'payload', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Quote Message ID',
				name: 'quoteMessageId',
				type: 'string',
				default: '',
				description: 'The message this one replies to (where the channel supports quoting)',
			},
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'options',
				default: 'public',
				options: [
					{ name: 'Public', value: 'public', description: 'Sent to the customer through the channel' },
					{ name: 'Private', value: 'private', description: 'An internal note only operators see' },
				],
			},
		],
	},
]);


export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const chatId = idParameter.call(this, 'chatId', itemIndex);
	const type = this.getNodeParameter('messageType', itemIndex) as SendType;
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const quote = extra.quoteMessageId === undefined || extra.quoteMessageId === '' ? undefined : Number(extra.quoteMessageId);
	if (quote !== undefined && (!Number.isInteger(quote) || quote <= 0)) {
		throw new NodeOperationError(this.getNode(), `"Quote Message ID" must be a positive whole number, got "${String(extra.quoteMessageId)}"`, { itemIndex });
	}
	const options: SendOptions = {
		chatId,
		scope: extra.scope === 'private' ? 'private' : 'public',
		quoteMessageId: quote,
		suggestions: parseSuggestions((extra.suggestions as { suggestion?: IDataObject[] } | undefined)?.suggestion),
		massCommunication: extra.massCommunication === true,
	};
	const send = async (body: IDataObject) =>
		await botRequest.call(this, { method: 'POST', path: '/messages', body, itemIndex, limiter: context.limiter });

	const bodies: IDataObject[] = [];
	if (type === 'text') {
		const text = String(this.getNodeParameter('text', itemIndex, '') ?? '');
		let attachments;
		try {
			attachments = parseAttachments(this.getNodeParameter('attachments', itemIndex, ''));
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
		}
		if (text.trim() === '' && attachments.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Nothing to send: the text is empty and there are no attachments', { itemIndex });
		}
		if (text.trim() !== '') bodies.push(textMessage(text, options));
		for (const group of groupAttachments(attachments)) {
			const items: FileItem[] = [];
			for (const attachment of group.attachments) {
				const uploaded = await uploadByUrl.call(this, itemIndex, attachment.url, context.limiter);
				const item: FileItem = { id: String(uploaded.id) };
				if (attachment.name) item.caption = attachment.name.slice(0, 1024);
				items.push(item);
			}
			// Quote and quick replies belong to the first message only.
			const groupOptions = bodies.length > 0 ? { ...options, quoteMessageId: undefined, suggestions: [] } : options;
			bodies.push(fileMessage(group.kind, items, undefined, groupOptions));
		}
	} else if (type in fileTypes) {
		const kind = type as FileKind;
		const note = String(this.getNodeParameter('text', itemIndex, '') ?? '').trim();
		const caption = String(this.getNodeParameter('caption', itemIndex, '') ?? '').trim();
		const source = this.getNodeParameter('fileSource', itemIndex) as string;
		const ids: string[] = [];
		if (source === 'id') {
			ids.push(...splitList(this.getNodeParameter('fileIds', itemIndex) as string));
		} else if (source === 'url') {
			for (const url of splitList(this.getNodeParameter('fileUrls', itemIndex) as string)) {
				ids.push(String((await uploadByUrl.call(this, itemIndex, url, context.limiter)).id));
			}
		} else {
			for (const property of splitList(this.getNodeParameter('binaryPropertyName', itemIndex) as string)) {
				ids.push(String((await uploadBinary.call(this, itemIndex, property, context.limiter)).id));
			}
		}
		if (ids.length === 0) throw new NodeOperationError(this.getNode(), 'No file to send: give at least one file', { itemIndex });
		const items = ids.map((id) => (caption ? { id, caption: caption.slice(0, 1024) } : { id }));
		bodies.push(fileMessage(kind, items, note || undefined, options));
	} else {
		const payload = jsonObject(this.getNodeParameter(type, itemIndex));
		if (!payload) {
			throw new NodeOperationError(this.getNode(), `${type === 'product' ? 'Product' : 'Order'} must be a JSON object`, {
				itemIndex,
			});
		}
		bodies.push(type === 'product' ? productMessage(payload, options) : orderMessage(payload, options));
	}

	const sent: IDataObject[] = [];
	for (const body of bodies) {
		const answer = await send(body);
		sent.push({ type: body.type, messageId: answer.message_id, time: answer.time });
	}
	return sendResult('retailcrm', chatId, sent[0].messageId as number | undefined, { time: sent[0].time, sent });
}
