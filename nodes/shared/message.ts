import type { IDataObject } from 'n8n-workflow';

import { ParameterError } from './runner';

export type Platform = 'brix' | 'selarti' | 'uchat' | 'bonychat' | 'retailcrm';

export type AttachmentType = 'image' | 'video' | 'audio' | 'file';

/**
 * Who wrote the message: the end customer, a person working in the platform (operator, agent, manager), a bot or
 * AI, or the platform itself (connects, receipts, module events). `other` where the platform says something the
 * node does not recognise.
 */
export type Author = 'customer' | 'operator' | 'bot' | 'system' | 'other';

export interface Attachment extends IDataObject {
	type: AttachmentType;
	url: string;
	name?: string;
	size?: number;
	mimeType?: string;
}

/**
 * The shape every trigger emits and every "send message" operation reads by default. Each top-level field means
 * the same on every platform; what only one platform has lives under the key named after it (`brix`, `uchat`,
 * `bonychat`, `selarti`, `retailcrm`), see `withPlatformDetails`.
 */
export interface CommonMessage extends IDataObject {
	platform: Platform;
	event: string;
	/** The platform's channel (UChat: workspace) the event came through. */
	channelId?: string;
	chatId?: string;
	userId?: string;
	messageId?: string;
	author?: Author;
	/** A note only the platform's own people see (never meant for the customer). */
	private?: boolean;
	/** retailCRM: the dialog of the chat. */
	dialogId?: string;
	text?: string;
	attachments?: Attachment[];
	timestamp?: string;
	raw: IDataObject;
}

const ATTACHMENT_TYPES: readonly AttachmentType[] = ['image', 'video', 'audio', 'file'];

/** Builds a CommonMessage, dropping the fields the platform did not provide. */
export function commonMessage(fields: CommonMessage): CommonMessage {
	const message = {} as CommonMessage;
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value) && value.length === 0 && key === 'attachments') continue;
		(message as IDataObject)[key] = value;
	}
	return message;
}

/**
 * Puts what only this platform has under the one key named after the platform (`item.uchat.buttons`), so that no
 * top-level name means one thing on one platform and another elsewhere. Empty values are dropped; `raw` stays last.
 */
export function withPlatformDetails<T extends CommonMessage>(message: T, details: IDataObject): T {
	const kept: IDataObject = {};
	for (const [key, value] of Object.entries(details)) {
		if (value === undefined || value === null || value === '') continue;
		kept[key] = value;
	}
	if (Object.keys(kept).length === 0) return message;
	const { raw, ...rest } = message;
	return { ...rest, [message.platform]: kept, raw } as T;
}

/** Normalises an id that may arrive as a number or a string. */
export function idString(value: unknown): string | undefined {
	if (typeof value === 'string') return value === '' ? undefined : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** Converts seconds, milliseconds or a date string to ISO 8601; undefined when it cannot. */
export function isoTimestamp(value: unknown): string | undefined {
	let date: Date | undefined;
	if (typeof value === 'number' && Number.isFinite(value)) {
		date = new Date(value < 1e12 ? value * 1000 : value);
	} else if (typeof value === 'string' && value.trim() !== '') {
		const numeric = Number(value);
		date = Number.isFinite(numeric) ? new Date(numeric < 1e12 ? numeric * 1000 : numeric) : new Date(value);
	}
	if (!date || Number.isNaN(date.getTime())) return undefined;
	return date.toISOString();
}

/** Guesses the attachment kind from a MIME type or a file name. */
export function attachmentTypeOf(mimeType?: string, name?: string): AttachmentType {
	const mime = (mimeType ?? '').toLowerCase();
	for (const type of ATTACHMENT_TYPES) {
		if (type !== 'file' && mime.startsWith(`${type}/`)) return type;
	}
	const extension = (name ?? '').toLowerCase().split('.').pop() ?? '';
	if (['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'svg'].includes(extension)) return 'image';
	if (['mp4', 'mov', 'avi', 'webm', 'mkv'].includes(extension)) return 'video';
	if (['mp3', 'ogg', 'oga', 'wav', 'm4a', 'aac', 'opus'].includes(extension)) return 'audio';
	return 'file';
}

export function isAttachmentType(value: unknown): value is AttachmentType {
	return typeof value === 'string' && (ATTACHMENT_TYPES as readonly string[]).includes(value);
}

function parseJsonOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

const ATTACHMENTS_HINT = 'Map a JSON array such as [{ "url": "https://example.com/a.png" }] into Attachments, e.g. {{ $json.attachments }} of a trigger item.';

/**
 * Reads the `attachments` input of a send operation: accepts the common shape, a single object,
 * a JSON string, or an empty value.
 */
export function parseAttachments(value: unknown): Attachment[] {
	if (value === undefined || value === null || value === '') return [];
	let list: unknown = value;
	if (typeof value === 'string') {
		list = parseJsonOrUndefined(value);
		if (list === undefined) throw new ParameterError('Attachments must be a JSON array of { type, url, name? } objects', ATTACHMENTS_HINT);
	}
	if (!Array.isArray(list)) list = [list];
	return (list as unknown[]).map((entry, index) => {
		if (typeof entry !== 'object' || entry === null) {
			throw new ParameterError(`Attachment ${index + 1} must be an object with a url`, ATTACHMENTS_HINT);
		}
		const item = entry as IDataObject;
		const url = item.url ?? item.URL;
		if (typeof url !== 'string' || url === '') {
			throw new ParameterError(`Attachment ${index + 1} has no url`, ATTACHMENTS_HINT);
		}
		const name = typeof item.name === 'string' ? item.name : undefined;
		const mimeType = typeof item.mimeType === 'string' ? item.mimeType : undefined;
		const attachment: Attachment = {
			type: isAttachmentType(item.type) ? item.type : attachmentTypeOf(mimeType, name ?? url),
			url,
		};
		if (name) attachment.name = name;
		if (typeof item.size === 'number') attachment.size = item.size;
		if (mimeType) attachment.mimeType = mimeType;
		return attachment;
	});
}

/**
 * The output of every send operation: the same four fields first, whatever the platform, then the platform's
 * own details. `chatId` is the conversation the message went to as the platform names it (a number for UChat
 * and retailCRM); `messageId` is the ID of the (first) message sent, null where the platform names none.
 */
export function sendResult(
	platform: Platform,
	chatId: string | number,
	messageId: string | number | null | undefined,
	details: IDataObject,
): IDataObject {
	return { success: true, platform, chatId, messageId: messageId ?? null, ...details };
}
