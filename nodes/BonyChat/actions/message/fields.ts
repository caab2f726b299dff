import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseAttachments } from '../../../shared/message';
import { conversationOfItem, originPlatformParameter } from '../../../shared/origin';
import { ParameterError } from '../../../shared/runner';
import { buildContact, buildMessage, generateMessageId, timestampMs } from '../../events';
import type { ContactInput, MessageInput } from '../../events';

export const contactIdField = (operation: string[]): INodeProperties => ({
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '={{ $json.chatId }}',
	description:
		'The contact: a phone number like +60177872890 or the custom ID (at most 50 characters of A-Z, a-z, 0-9, _ = + / @)',
	displayOptions: { show: { resource: ['message'], operation } },
});

export const messageIdField = (operation: string[], description: string): INodeProperties => ({
	displayName: 'Message ID',
	name: 'mId',
	type: 'string',
	default: '={{ $json.messageId }}',
	description,
	displayOptions: { show: { resource: ['message'], operation } },
});

export const timestampField = (operation: string[]): INodeProperties => ({
	displayName: 'Timestamp',
	name: 'timestamp',
	type: 'string',
	default: '={{ $json.timestamp }}',
	description:
		'When the event happened: milliseconds since 1970, seconds, or an ISO 8601 date. Empty means now.',
	displayOptions: { show: { resource: ['message'], operation } },
});

/** Fields of the operations that post a message (contact message and echo). */
export function messageFields(operation: string): INodeProperties[] {
	const show = { resource: ['message'], operation: [operation] };
	const showType = (type: string[]) => ({ show: { ...show, messageType: type } });
	return [
		contactIdField([operation]),
		{ ...originPlatformParameter, displayOptions: { show } },
		{
			displayName: 'Message Type',
			name: 'messageType',
			type: 'options',
			default: 'auto',
			options: [
				{
					name: 'Attachment',
					value: 'attachment',
					description: 'One attachment event per entry of Attachments',
				},
				{
					name: 'Automatic',
					value: 'auto',
					description: 'A text event when there is text, plus one attachment event per attachment',
				},
				{ name: 'Location', value: 'location' },
				{ name: 'Quick Reply', value: 'quick_reply' },
				{ name: 'Text', value: 'text' },
			],
			displayOptions: { show },
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '={{ $json.text }}',
			description: 'Message text, at most 7000 characters',
			displayOptions: showType(['auto', 'text']),
		},
		{
			displayName: 'Attachments',
			name: 'attachments',
			type: 'json',
			default: '={{ $json.attachments }}',
			description:
				'Attachments in the common shape: a list of objects with type (image, video, audio or file), a public URL of at most 2000 characters, name (with extension) and MIME type',
			displayOptions: showType(['auto', 'attachment']),
		},
		{
			displayName: 'Attachment Description',
			name: 'attachmentDescription',
			type: 'string',
			default: '',
			description: 'Caption of image attachments, at most 256 characters',
			displayOptions: showType(['attachment']),
		},
		{
			displayName: 'Latitude',
			name: 'latitude',
			type: 'number',
			typeOptions: { numberPrecision: 6 },
			default: 0,
			displayOptions: showType(['location']),
		},
		{
			displayName: 'Longitude',
			name: 'longitude',
			type: 'number',
			typeOptions: { numberPrecision: 6 },
			default: 0,
			displayOptions: showType(['location']),
		},
		{
			displayName: 'Address',
			name: 'address',
			type: 'string',
			default: '',
			description: 'Address of the location, at most 256 characters',
			displayOptions: showType(['location']),
		},
		{
			displayName: 'Quick Reply Title',
			name: 'quickReplyTitle',
			type: 'string',
			default: '={{ $json.text }}',
			description: 'The question shown above the replies, at most 256 characters',
			displayOptions: showType(['quick_reply']),
		},
		{
			displayName: 'Replies',
			name: 'replies',
			type: 'string',
			typeOptions: { multipleValues: true },
			default: [],
			description: 'Up to 10 replies of at most 256 characters each',
			displayOptions: showType(['quick_reply']),
		},
		messageIdField(
			[operation],
			'Unique ID of this message, at most 50 characters; reuse the source platform\'s message ID so a repeated post is recognised. Empty generates one.',
		),
		timestampField([operation]),
		{
			displayName: 'Contact Fields',
			name: 'contact',
			type: 'collection',
			placeholder: 'Add Contact Field',
			default: {},
			description: 'Profile data for the contact; the platform creates the contact on its first message',
			displayOptions: { show },
			options: [
				{ displayName: 'Country Code', name: 'countryCode', type: 'string', default: '', description: '2-letter ISO 3166 alpha-2 code, e.g. MY' },
				{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'At most 50 characters' },
				{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', description: 'At most 50 characters' },
				{ displayName: 'Language', name: 'language', type: 'string', default: '', description: '2-letter ISO 639-1 code, e.g. en' },
				{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', description: 'At most 50 characters' },
				{ displayName: 'Locale', name: 'locale', type: 'string', default: '', description: 'Locale code, e.g. en_US' },
				{ displayName: 'Phone', name: 'phone', type: 'string', default: '', description: 'At most 18 characters, e.g. +60177872890' },
				{ displayName: 'Profile Picture URL', name: 'profilePic', type: 'string', default: '', description: 'Public image URL, at most 100 KB (720x720 recommended)' },
				{ displayName: 'Timezone', name: 'timezone', type: 'number', default: 0, description: 'UTC offset in hours, from -24 to 24' },
			],
		},
	];
}

export interface MessageItem {
	contactId: unknown;
	messages: IDataObject[];
	mId: string;
	timestamp: number;
	contact?: IDataObject;
}

function stringParam(ctx: IExecuteFunctions, name: string, index: number): string {
	const value = ctx.getNodeParameter(name, index, '') as unknown;
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : String(value);
}

/** Reads and validates one item's parameters into the message objects to post. */
export function readMessageItem(ctx: IExecuteFunctions, index: number): MessageItem {
	const messageType = ctx.getNodeParameter('messageType', index) as string;
	const inputs: MessageInput[] = [];
	if (messageType === 'text' || messageType === 'auto') {
		const text = stringParam(ctx, 'text', index);
		if (messageType === 'text' || text.trim() !== '') inputs.push({ type: 'text', text });
	}
	if (messageType === 'attachment' || messageType === 'auto') {
		const attachments = parseAttachments(ctx.getNodeParameter('attachments', index, []));
		const description = messageType === 'attachment' ? stringParam(ctx, 'attachmentDescription', index) : '';
		for (const attachment of attachments) {
			inputs.push({ type: 'attachment', attachment, description: description || undefined });
		}
		if (messageType === 'attachment' && attachments.length === 0) {
			throw new ParameterError('Attachments is empty', 'Give at least one attachment with a URL, or choose another Message Type.');
		}
	}
	if (messageType === 'location') {
		inputs.push({
			type: 'location',
			latitude: ctx.getNodeParameter('latitude', index) as number,
			longitude: ctx.getNodeParameter('longitude', index) as number,
			address: stringParam(ctx, 'address', index),
		});
	}
	if (messageType === 'quick_reply') {
		const replies = ctx.getNodeParameter('replies', index, []) as unknown;
		inputs.push({
			type: 'quick_reply',
			title: stringParam(ctx, 'quickReplyTitle', index),
			replies: (Array.isArray(replies) ? replies : [replies]).map((reply) => String(reply ?? '')),
		});
	}
	if (inputs.length === 0) {
		throw new ParameterError('Nothing to send: Text and Attachments are both empty', 'Map the message text into Text or files into Attachments.');
	}
	const mId = stringParam(ctx, 'mId', index).trim() || generateMessageId();
	return {
		// respond.io needs a Custom ID channel to take conversations of other platforms (phone-number channels
		// accept phone numbers only).
		contactId: conversationOfItem(ctx, 'bonychat', 'contactId', index).key,
		messages: inputs.map(buildMessage),
		mId,
		timestamp: timestampMs(ctx.getNodeParameter('timestamp', index, '')),
		contact: buildContact(ctx.getNodeParameter('contact', index, {}) as ContactInput),
	};
}
