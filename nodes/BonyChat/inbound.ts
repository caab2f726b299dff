import type { IDataObject } from 'n8n-workflow';

import { commonMessage, idString, withPlatformDetails } from '../shared/message';
import type { Attachment, CommonMessage } from '../shared/message';
import { withOrigin } from '../shared/origin';
import { describeZodError } from '../shared/validation';
import { RequestError } from '../shared/webhook';
import { outgoingMessageSchema, outgoingRequestSchema } from './schemas';
import type { OutgoingMessage } from './schemas';

export interface ParsedOutgoing {
	contactId: string;
	channelId?: string;
	message: OutgoingMessage;
}

/** Validates the body of `POST <API Base URL>/message`; a RequestError (400) names the faulty field. */
export function parseBonyChatRequest(body: IDataObject): ParsedOutgoing {
	const request = outgoingRequestSchema.safeParse(body);
	if (!request.success) throw new RequestError(400, describeZodError(request.error));
	const message = outgoingMessageSchema.safeParse(request.data.message);
	if (!message.success) throw new RequestError(400, describeZodError(message.error, 'body.message'));
	return {
		contactId: request.data.contactId,
		channelId: idString(request.data.channelId),
		message: message.data,
	};
}

/** The trigger's output item: the common message shape, the message's own details under `bonychat`. */
export function toBonyChatItem(
	parsed: ParsedOutgoing,
	raw: IDataObject,
	messageId: string | undefined,
	now: Date,
): IDataObject {
	const { message } = parsed;
	let text: string | undefined;
	let attachments: Attachment[] | undefined;
	const extra: IDataObject = { messageType: message.type };
	switch (message.type) {
		case 'text':
			text = message.text;
			break;
		case 'attachment': {
			const { attachment } = message;
			const item: Attachment = { type: attachment.type, url: attachment.url };
			if (attachment.fileName) item.name = attachment.fileName;
			if (attachment.mimeType) item.mimeType = attachment.mimeType;
			attachments = [item];
			text = attachment.description;
			break;
		}
		case 'location':
			extra.location = {
				latitude: message.latitude,
				longitude: message.longitude,
				...(message.address ? { address: message.address } : {}),
			};
			text = message.address;
			break;
		case 'quick_reply':
			text = message.title;
			extra.quickReplies = message.replies;
			break;
	}
	const common: CommonMessage = commonMessage({
		platform: 'bonychat',
		event: 'message',
		// respond.io posts to a Custom Channel what its agents, workflows and AI send to the contact.
		author: 'operator',
		channelId: parsed.channelId,
		chatId: parsed.contactId,
		userId: parsed.contactId,
		messageId,
		text,
		attachments,
		timestamp: now.toISOString(),
		raw,
	});
	return withOrigin(withPlatformDetails(common, extra), parsed.contactId);
}
