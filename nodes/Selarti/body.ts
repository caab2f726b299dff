import type { IDataObject } from 'n8n-workflow';

import type { Attachment } from '../shared/message';

export class SendValidationError extends Error {}

function requiredString(field: string, value: unknown): string {
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof text !== 'string' || text.trim() === '') throw new SendValidationError(`${field} is required`);
	return text;
}

/** The node's Task ID, or the credential's default when the node leaves it empty. */
export function taskIdOf(nodeValue: unknown, credentialDefault: unknown): unknown {
	const own = typeof nodeValue === 'number' ? String(nodeValue) : nodeValue;
	if (typeof own === 'string' && own.trim() !== '') return own;
	if (typeof credentialDefault === 'string' && credentialDefault.trim() !== '') return credentialDefault;
	throw new SendValidationError('Task ID is required: set it on the node or as Default Task ID in the Selarti credential');
}

/** The exact body of `send_message_external`: three strings. */
export function sendExternalBody(taskId: unknown, chatId: unknown, message: unknown): IDataObject {
	return {
		task_id: requiredString('Task ID', taskId).trim(),
		chat_id: requiredString('Chat ID', chatId).trim(),
		message: requiredString('Message', message),
	};
}

/** Selarti takes text only: the URL of each attachment goes on its own line after the text. */
export function withAttachmentLinks(message: unknown, attachments: Attachment[]): unknown {
	if (attachments.length === 0) return message;
	const text = typeof message === 'string' ? message.trim() : typeof message === 'number' ? String(message) : '';
	return [text, ...attachments.map((attachment) => attachment.url)].filter((line) => line !== '').join('\n');
}
