import type { IDataObject } from 'n8n-workflow';

import type { Attachment } from '../shared/message';

export type SendType = 'text' | 'product' | 'order' | 'file' | 'image' | 'audio';
export type FileKind = 'file' | 'image' | 'audio';

export interface Suggestion extends IDataObject {
	type: string;
	title?: string;
	payload?: string;
}

export interface SendOptions {
	chatId: number;
	scope: 'public' | 'private';
	quoteMessageId?: number;
	suggestions?: Suggestion[];
	massCommunication?: boolean;
}

/** Fields every `POST /messages` body shares. */
function base(type: SendType, options: SendOptions): IDataObject {
	const body: IDataObject = { type, scope: options.scope, chat_id: options.chatId };
	if (options.quoteMessageId) body.quote_message_id = options.quoteMessageId;
	if (options.suggestions && options.suggestions.length > 0) {
		body.transport_attachments = { suggestions: options.suggestions };
	}
	if (options.massCommunication) body.mass_communication = true;
	return body;
}

export function textMessage(content: string, options: SendOptions): IDataObject {
	return { ...base('text', options), content };
}

export function productMessage(product: IDataObject, options: SendOptions): IDataObject {
	return { ...base('product', options), product };
}

export function orderMessage(order: IDataObject, options: SendOptions): IDataObject {
	return { ...base('order', options), order };
}

export interface FileItem extends IDataObject {
	id: string;
	caption?: string;
}

export function fileMessage(kind: FileKind, items: FileItem[], note: string | undefined, options: SendOptions): IDataObject {
	const body: IDataObject = { ...base(kind, options), items };
	if (note) body.note = note;
	return body;
}

/** The message kind an attachment of the common shape is sent as (video has no kind of its own). */
export function fileKindOf(attachment: Attachment): FileKind {
	if (attachment.type === 'image') return 'image';
	if (attachment.type === 'audio') return 'audio';
	return 'file';
}

/** Groups attachments by the message kind they are sent as, keeping their order. */
export function groupAttachments(attachments: Attachment[]): Array<{ kind: FileKind; attachments: Attachment[] }> {
	const groups: Array<{ kind: FileKind; attachments: Attachment[] }> = [];
	for (const attachment of attachments) {
		const kind = fileKindOf(attachment);
		const group = groups.find((entry) => entry.kind === kind);
		if (group) group.attachments.push(attachment);
		else groups.push({ kind, attachments: [attachment] });
	}
	return groups;
}

/** Suggestions from the node's fixed collection: type is required, title and payload optional. */
export function parseSuggestions(entries: IDataObject[] | undefined): Suggestion[] {
	return (entries ?? [])
		.filter((entry) => typeof entry.type === 'string' && entry.type !== '')
		.map((entry) => {
			const suggestion: Suggestion = { type: String(entry.type) };
			if (typeof entry.title === 'string' && entry.title !== '') suggestion.title = entry.title;
			if (typeof entry.payload === 'string' && entry.payload !== '') suggestion.payload = entry.payload;
			return suggestion;
		});
}

/** JSON.parse that answers undefined instead of throwing. */
export function tryJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** A JSON object parameter (product / order): accepts an object or its JSON text; undefined when it is neither. */
export function jsonObject(value: unknown): IDataObject | undefined {
	const parsed = typeof value === 'string' ? tryJson(value) : value;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
	return parsed as IDataObject;
}

export function splitList(value: string): string[] {
	return value
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}
