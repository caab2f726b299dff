import type { IDataObject } from 'n8n-workflow';

import { attachmentTypeOf, commonMessage, idString, isoTimestamp, withPlatformDetails, type Attachment, type Author, type CommonMessage } from '../shared/message';
import { frameSchema, MESSAGE_EVENTS, messageSchema, type BotMessage, type Frame } from './schemas';
import type { ActivityCallback } from './verify';

/** Parses a frame's text; undefined when it is not a frame. */
export function parseRetailCrmFrame(text: string): Frame | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}
	const parsed = frameSchema.safeParse(value);
	return parsed.success ? parsed.data : undefined;
}

/** The message inside a message_* frame, when it has one. */
export function frameMessage(frame: Frame): BotMessage | undefined {
	if (!MESSAGE_EVENTS.has(frame.type)) return undefined;
	const parsed = messageSchema.safeParse(frame.data?.message);
	return parsed.success ? parsed.data : undefined;
}

/** Whether this bot wrote the message (MessageGateway echoes the bot's own messages back). */
export function isOwnMessage(message: BotMessage, selfBotId: string | undefined): boolean {
	if (message.from?.type !== 'bot') return false;
	return selfBotId === undefined || idString(message.from.id) === selfBotId;
}

/** Attachments of the common shape from message items, with the URLs found for them (by file id). */
export function messageAttachments(message: BotMessage, urls: Record<string, string>): Attachment[] {
	const attachments: Attachment[] = [];
	for (const item of message.items ?? []) {
		const url = urls[item.id] ?? item.preview_url;
		if (!url) continue;
		const kind = item.kind && ['image', 'video', 'audio', 'file'].includes(item.kind) ? item.kind : undefined;
		const attachment: Attachment = {
			type: (kind as Attachment['type'] | undefined) ?? attachmentTypeOf(item.type, item.caption),
			url,
		};
		if (item.caption) attachment.name = item.caption;
		if (typeof item.size === 'number') attachment.size = item.size;
		if (item.type) attachment.mimeType = item.type;
		attachments.push(attachment);
	}
	return attachments;
}

/** MessageGateway names the writer of a message by `from.type`; `user` is a retailCRM operator. */
const AUTHORS: Record<string, Author> = { customer: 'customer', user: 'operator', bot: 'bot', channel: 'system' };

/** The common message shape of a message_* event. */
export function toRetailCrmItem(event: string, message: BotMessage, frame: IDataObject, urls: Record<string, string> = {}): CommonMessage {
	const from = message.from;
	const customer = from?.type === 'customer' ? from : message.chat?.customer;
	return commonMessage({
		platform: 'retailcrm',
		event,
		channelId: idString(message.channel_id) ?? idString(message.chat?.channel?.id),
		chatId: idString(message.chat_id) ?? idString(message.chat?.id),
		dialogId: idString(message.dialog?.id),
		userId: idString(customer?.id),
		messageId: idString(message.id),
		author: AUTHORS[from?.type ?? ''] ?? (from?.type ? 'other' : undefined),
		private: message.scope === undefined ? undefined : message.scope === 'private',
		text: message.content,
		attachments: messageAttachments(message, urls),
		timestamp: isoTimestamp(message.time ?? message.created_at),
		raw: frame,
	});
}

/** The common shape of any other event: what can be found of chat and channel, plus the raw frame. */
export function toRetailCrmEventItem(frame: Frame): CommonMessage {
	const data = (frame.data ?? {}) as IDataObject;
	const chat = (data.chat ?? (data.dialog as IDataObject | undefined)?.chat) as IDataObject | undefined;
	const dialog = data.dialog as IDataObject | undefined;
	const channel = (data.channel ?? chat?.channel) as IDataObject | undefined;
	return commonMessage({
		platform: 'retailcrm',
		event: frame.type,
		author: 'system',
		channelId: idString(channel?.id),
		chatId: idString(chat?.id) ?? idString(dialog?.chat_id),
		dialogId: idString(dialog?.id),
		timestamp: isoTimestamp(frame.meta?.timestamp),
		raw: frame as IDataObject,
	});
}

/** The Module Trigger's item for a verified activity callback. */
export function toRetailCrmActivityItem(activity: ActivityCallback, fields: IDataObject): CommonMessage {
	return withPlatformDetails(commonMessage({ platform: 'retailcrm', event: 'activity', author: 'system', raw: fields }), {
		clientId: activity.clientId,
		active: activity.active,
		freeze: activity.freeze,
		systemUrl: activity.systemUrl,
	});
}
