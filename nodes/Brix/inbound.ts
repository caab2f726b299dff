import type { IDataObject } from 'n8n-workflow';

import { commonMessage, idString, withPlatformDetails, type CommonMessage } from '../shared/message';
import { withOrigin } from '../shared/origin';
import { describeZodError } from '../shared/validation';
import { RequestError } from '../shared/webhook';
import { originalMessageId } from './delivery';
import { filesToAttachments } from './format';
import { BRIX_EVENTS, brixRequestSchemas, type BrixEvent } from './schemas';

export interface ParsedBrixRequest {
	/** Undefined for a request type this version does not know. */
	event: BrixEvent | undefined;
	body: IDataObject;
}

/** What the trigger knows about channels: the allow-list the user typed and the channels BRIX disconnected. */
export interface ChannelKnowledge {
	allowed: string[];
	disconnected?: readonly string[];
}

const data = (body: IDataObject): IDataObject =>
	typeof body.data === 'object' && body.data !== null && !Array.isArray(body.data) ? (body.data as IDataObject) : {};

/**
 * Reads one BRIX request whose token was checked: shape (400), then channel (404). Throws a RequestError naming
 * the problem. A request type this version does not know gives `event: undefined`: the seed wants 200 for every
 * request, so it is answered without an execution.
 */
export function parseBrixRequest(body: IDataObject, channels: ChannelKnowledge): ParsedBrixRequest {
	const type = body.type;
	if (type === undefined || type === null || type === '') {
		throw new RequestError(400, 'body.type is missing');
	}
	if (typeof type !== 'string') throw new RequestError(400, 'body.type must be a string');
	if (!(BRIX_EVENTS as readonly string[]).includes(type)) return { event: undefined, body };
	const event = type as BrixEvent;
	const parsed = brixRequestSchemas[event].safeParse(body);
	if (!parsed.success) throw new RequestError(400, describeZodError(parsed.error));
	const channelId = body.channelId === undefined || body.channelId === null ? undefined : String(body.channelId);
	if (channelId !== undefined && !channelExists(channelId, event, channels)) {
		throw new RequestError(404, `Channel ${channelId.slice(0, 100)} does not exist here`);
	}
	return { event, body };
}

/**
 * A channel exists unless the allow-list leaves it out or BRIX disconnected it (and has not connected it again).
 * `connect` always passes the disconnect record: it is how a channel comes back.
 */
function channelExists(channelId: string, event: BrixEvent, channels: ChannelKnowledge): boolean {
	if (channels.allowed.length > 0 && !channels.allowed.includes(channelId)) return false;
	if (event === 'connect') return true;
	return !(channels.disconnected ?? []).includes(channelId);
}

/** One BRIX request as the common message shape (BRIX-only fields under `brix`), token removed from `raw`. */
export function toBrixItem(event: BrixEvent, body: IDataObject, now = new Date()): CommonMessage {
	const payload = data(body);
	const raw = { ...body };
	delete raw.token;
	const fields: CommonMessage = {
		platform: 'brix',
		event,
		author: event === 'message' ? 'operator' : 'system',
		channelId: idString(body.channelId),
		timestamp: now.toISOString(),
		raw,
	};
	const details: IDataObject = {};
	switch (event) {
		case 'connect':
			details.webhookUrl = typeof payload.webhook === 'string' ? payload.webhook : undefined;
			break;
		case 'message':
			fields.chatId = idString(payload.targetChatId);
			fields.text = typeof payload.text === 'string' ? payload.text : undefined;
			fields.attachments = filesToAttachments(payload.files);
			break;
		// IDs the BRIX node sent with a delivery address are output as the workflow gave them.
		case 'messageOutcome':
			fields.messageId = originalMessageId(idString(payload.messageId));
			details.success = payload.success === true || payload.success === 'true';
			break;
		case 'markAsRead':
			fields.messageId = originalMessageId(idString(payload.messageId));
			break;
		case 'userInfo':
			fields.userId = idString(payload.userId);
			break;
		case 'disconnect':
			break;
	}
	const message = withPlatformDetails(commonMessage(fields), details);
	// An operator answering in a chat a bridge opened names the origin chat.
	return event === 'message' ? withOrigin(message, payload.targetChatId) : message;
}
