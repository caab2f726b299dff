import type { IDataObject } from 'n8n-workflow';

import { commonMessage, idString, isAttachmentType, withPlatformDetails } from '../shared/message';
import type { Attachment, Author, CommonMessage } from '../shared/message';
import { describeZodError } from '../shared/validation';
import { RequestError } from '../shared/webhook';
import { inboundMessageSchema, type InboundButton, type InboundMessage } from './schemas';

/** A signed UChat delivery's body, validated (400 naming the problem otherwise). */
export function parseUChatRequest(body: IDataObject): InboundMessage {
	const parsed = inboundMessageSchema.safeParse(body);
	if (!parsed.success) throw new RequestError(400, describeZodError(parsed.error));
	return parsed.data;
}

export interface UChatButton extends IDataObject {
	type: string;
	title: string;
	payload?: string;
	url?: string;
}

export interface UChatCard extends IDataObject {
	title?: string;
	subtitle?: string;
	imageUrl?: string;
	itemUrl?: string;
	buttons: UChatButton[];
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function payloadText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	return typeof value === 'string' ? value : JSON.stringify(value);
}

function buttonsOf(list: InboundButton[] | null | undefined): UChatButton[] {
	return (list ?? []).map((entry) => {
		const result: UChatButton = { type: entry.type ?? 'postback', title: entry.title ?? '' };
		const payload = payloadText(entry.payload);
		if (payload !== undefined) result.payload = payload;
		if (text(entry.url)) result.url = entry.url as string;
		return result;
	});
}

function isPrivate(value: unknown): boolean {
	return value === true || value === 1 || value === '1' || value === 'true';
}

export interface Delivery {
	/** `x-action` header (documented value: "messages"). */
	action?: string;
	/** `x-flow-ns` header: the flow namespace of the bot. */
	flowNs?: string;
	/** Workspace the webhook was registered for, when known. */
	workspaceId?: string;
	/** bot_url returned by the registration, when known. */
	botUrl?: string;
	/** When the reply arrived: UChat's payloads carry no time of their own. */
	receivedAt?: Date;
}

/**
 * UChat delivers bot and agent replies (`outgoing`) without saying which of the two wrote them: a reply is the
 * bot's unless it is a private note, which only agents write.
 */
function authorOf(direction: unknown, isPrivateNote: boolean): Author {
	if (direction === 'incoming') return 'customer';
	return isPrivateNote ? 'operator' : 'bot';
}

/** Maps a validated UChat delivery to the common message shape; UChat's own details (buttons, cards...) go under `uchat`. */
export function toUChatItem(payload: InboundMessage, raw: IDataObject, delivery: Delivery): CommonMessage {
	const type = payload.type ?? 'text';
	const attributes = payload.content_attributes ?? undefined;
	const attachments: Attachment[] = [];
	if (type !== 'text' && text(payload.url)) {
		attachments.push({ type: isAttachmentType(type) ? type : 'file', url: payload.url as string });
	}
	const isPrivateNote = isPrivate(payload.private);
	const message = commonMessage({
		platform: 'uchat',
		event: delivery.action ?? 'messages',
		author: authorOf(payload.message_type, isPrivateNote),
		private: isPrivateNote,
		channelId: delivery.workspaceId,
		chatId: idString(payload.conv_id),
		userId: idString(payload.sender_id),
		text: text(payload.text) ?? text(attributes?.text),
		attachments,
		timestamp: delivery.receivedAt?.toISOString(),
		raw,
	});
	const extra: IDataObject = {
		messageType: type,
		direction: payload.message_type,
	};
	if (text(payload.content_type)) extra.contentType = payload.content_type;
	if (attributes?.buttons) extra.buttons = buttonsOf(attributes.buttons);
	if (attributes?.items) {
		extra.cards = attributes.items.map((item) => {
			const result: UChatCard = { buttons: buttonsOf(item.buttons) };
			if (text(item.title)) result.title = item.title as string;
			if (text(item.subtitle)) result.subtitle = item.subtitle as string;
			if (text(item.image_url)) result.imageUrl = item.image_url as string;
			if (text(item.item_url)) result.itemUrl = item.item_url as string;
			return result;
		});
		if (text(attributes.ratio)) extra.ratio = attributes.ratio;
	}
	if (delivery.flowNs) extra.flowNs = delivery.flowNs;
	if (delivery.botUrl) extra.botUrl = delivery.botUrl;
	return withPlatformDetails(message, extra);
}
