import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { commonMessage, idString, isAttachmentType, withPlatformDetails } from '../shared/message';
import type { Attachment, Author, CommonMessage } from '../shared/message';

const id = z.union([z.string().min(1), z.number().finite()]);

const button = z
	.object({
		type: z.string().optional(),
		title: z.string().nullish(),
		payload: z.unknown().optional(),
		url: z.string().nullish(),
	})
	.passthrough();

const card = z
	.object({
		title: z.string().nullish(),
		subtitle: z.string().nullish(),
		image_url: z.string().nullish(),
		item_url: z.string().nullish(),
		default_action: z.unknown().optional(),
		buttons: z.array(button).nullish(),
	})
	.passthrough();

/** A message UChat posts to our webhook when the bot or an agent replies (seed: "Webhook payload"). */
export const inboundMessageSchema = z
	.object({
		sender_id: id,
		conv_id: id,
		type: z.string().optional(),
		text: z.string().nullish(),
		url: z.string().nullish(),
		message_type: z.string().optional(),
		private: z.union([z.boolean(), z.number(), z.string()]).optional(),
		content_type: z.string().nullish(),
		content_attributes: z
			.object({
				text: z.string().nullish(),
				buttons: z.array(button).nullish(),
				ratio: z.string().nullish(),
				items: z.array(card).nullish(),
			})
			.passthrough()
			.nullish(),
	})
	.passthrough();

export type InboundMessage = z.infer<typeof inboundMessageSchema>;

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

function buttonsOf(list: Array<z.infer<typeof button>> | null | undefined): UChatButton[] {
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
export function toCommonMessage(payload: InboundMessage, raw: IDataObject, delivery: Delivery): CommonMessage {
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
