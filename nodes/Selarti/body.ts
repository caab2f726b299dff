import type { IDataObject } from 'n8n-workflow';

export class SendValidationError extends Error {}

function requiredString(field: string, value: unknown): string {
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof text !== 'string' || text.trim() === '') throw new SendValidationError(`${field} is required`);
	return text;
}

/** The exact body of `send_message_external`: three strings. */
export function sendExternalBody(taskId: unknown, chatId: unknown, message: unknown): IDataObject {
	return {
		task_id: requiredString('Task ID', taskId).trim(),
		chat_id: requiredString('Chat ID', chatId).trim(),
		message: requiredString('Message', message),
	};
}
