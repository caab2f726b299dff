import type { IDataObject } from 'n8n-workflow';

import { isAllowedHost, urlHost } from '../shared/hosts';
import type { AttachmentType } from '../shared/message';
import { ParameterError } from '../shared/runner';

export interface Sender {
	id: string;
	name: string;
	email: string;
	phone: string;
}

export type MediaType = AttachmentType;

/** UChat's `conversation_id` is an integer; ids from other platforms must be mapped to one. */
export function conversationIdOf(value: unknown): number {
	const textValue = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d{1,15}$/.test(textValue)) {
		throw new ParameterError(
			`Conversation ID must be a positive integer, got ${value === undefined || value === '' ? 'nothing' : JSON.stringify(value)}`,
			'Map the UChat Trigger\'s conversationId (a number) into Conversation ID.',
		);
	}
	return Number(textValue);
}

export function senderIdOf(value: unknown): string {
	const id = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (id === '') {
		throw new ParameterError('Sender ID is required', 'Map the stable ID of the contact in your system into Sender ID, e.g. {{ $json.chatId }}.');
	}
	return id;
}

function envelope(content: string, sender: Sender, conversationId: number, event: string): IDataObject {
	return {
		content,
		message_type: 'incoming',
		sender: {
			id: sender.id,
			name: sender.name,
			email: sender.email,
			phone_number: sender.phone,
			type: 'contact',
		},
		conversation_id: conversationId,
		event,
	};
}

/** Seed "Send Text Message". */
export function textBody(text: string, sender: Sender, conversationId: number): IDataObject {
	return envelope(text, sender, conversationId, 'message_created');
}

/** Seed "Send Button Payload": the content is the button title. */
export function postbackBody(title: string, payload: string, sender: Sender, conversationId: number): IDataObject {
	return {
		...envelope(title, sender, conversationId, 'message_postback'),
		submitted_values: [{ title, payload }],
	};
}

/** Seed "Send Image / Audio / Video / File": empty content and one attachment. */
export function mediaBody(type: MediaType, url: string, sender: Sender, conversationId: number): IDataObject {
	return {
		...envelope('', sender, conversationId, 'message_created'),
		attachments: [{ file_type: type, data_url: url }],
	};
}

/** The bot host UChat's API Chat documentation shows (bot_url https://bot.dfktv2.com/api/apichat/...). */
export const UCHAT_BOT_HOST = 'bot.dfktv2.com';

/**
 * The bot URL to post to: the item's value, else the credential's; must be an http(s) URL on a host the credential
 * names (its Bot URL or Base URL) or UChat's documented bot host, since the flow key goes with it.
 */
export function resolveBotUrl(fromItem: unknown, fromCredential: unknown, credentialBaseUrl?: unknown): string {
	const candidate = [fromItem, fromCredential].find((value) => typeof value === 'string' && value.trim() !== '');
	if (candidate === undefined) {
		throw new Error('No bot URL: map the UChat Trigger\'s uchat.botUrl into "Bot URL" or set Bot URL in the credential');
	}
	const url = (candidate as string).trim();
	if (!/^https?:\/\/[^\s/]+/i.test(url)) throw new Error(`Bot URL must be an http(s) URL, got ${JSON.stringify(url)}`);
	const allowed = [urlHost(fromCredential), urlHost(credentialBaseUrl), UCHAT_BOT_HOST];
	if (!isAllowedHost(url, allowed)) {
		throw new Error(
			`"Bot URL" points to ${urlHost(url) ?? 'an invalid host'}, which the UChat API credential does not name: the flow key is only sent to ${allowed.filter((host) => host !== undefined).join(', ')}. Set the credential's Bot URL to the bot_url UChat gave the workspace.`,
		);
	}
	return url;
}
