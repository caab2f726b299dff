import type { IDataObject } from 'n8n-workflow';

import type { Attachment } from '../shared/message';
import { ParameterError } from '../shared/runner';

export class SendValidationError extends ParameterError {}

const HINTS: Record<string, string> = {
	'Task ID': 'Copy the ID of the Web task from Selarti (Tasks → your task) into Task ID or the credential.',
	'Chat ID': 'Map the user\'s ID into Chat ID, e.g. {{ $json.chatId }} of a trigger item.',
	Message: 'Map the user\'s text into Message, e.g. {{ $json.text }} of a trigger item.',
};

function requiredString(field: string, value: unknown): string {
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof text !== 'string' || text.trim() === '') throw new SendValidationError(`${field} is required`, HINTS[field]);
	return text;
}

/** The node's Task ID, or the credential's default when the node leaves it empty. */
export function taskIdOf(nodeValue: unknown, credentialDefault: unknown): unknown {
	const own = typeof nodeValue === 'number' ? String(nodeValue) : nodeValue;
	if (typeof own === 'string' && own.trim() !== '') return own;
	if (typeof credentialDefault === 'string' && credentialDefault.trim() !== '') return credentialDefault;
	throw new SendValidationError('Task ID is required', 'Set Task ID on the node, or Default Task ID in the Selarti credential.');
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
