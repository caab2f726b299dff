import { randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { Attachment } from '../shared/message';
import { ParameterError } from '../shared/runner';

/** Limits of the Custom Channel webhook, as the channel documentation states them. */
export const LIMITS = {
	contactId: 50,
	mId: 50,
	text: 7000,
	url: 2000,
	fileName: 256,
	description: 256,
	address: 256,
	quickReplyTitle: 256,
	quickReplies: 10,
	quickReply: 256,
	name: 50,
	email: 50,
	phone: 18,
} as const;

export const CONTACT_ID_PATTERN = /^[A-Za-z0-9_=+/@]+$/;

export type EventType = 'message' | 'message_echo' | 'message_status';
export type StatusValue = 'sent' | 'delivered' | 'read' | 'failed';

/** A value that breaks a documented rule; `field` names it the way the node's UI does. */
export class EventValidationError extends ParameterError {
	constructor(
		readonly field: string,
		reason: string,
	) {
		super(`${field} ${reason}`, 'The channel rejects values beyond its documented limits: fix the field named in the message.');
	}
}

export type MessageInput =
	| { type: 'text'; text: string }
	| { type: 'attachment'; attachment: Attachment; description?: string }
	| { type: 'location'; latitude: number; longitude: number; address?: string }
	| { type: 'quick_reply'; title: string; replies: string[] };

export interface ContactInput {
	firstName?: string;
	lastName?: string;
	profilePic?: string;
	locale?: string;
	countryCode?: string;
	timezone?: number | string;
	email?: string;
	phone?: string;
	language?: string;
}

function fail(field: string, reason: string): never {
	throw new EventValidationError(field, reason);
}

function requireText(field: string, value: unknown, max: number): string {
	if (typeof value !== 'string' || value.trim() === '') fail(field, 'is required');
	if (value.length > max) fail(field, `is ${value.length} characters long; the limit is ${max}`);
	return value;
}

function optionalText(field: string, value: unknown, max: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') fail(field, 'must be text');
	if (value.length > max) fail(field, `is ${value.length} characters long; the limit is ${max}`);
	return value;
}

function requireUrl(field: string, value: unknown): string {
	const url = requireText(field, value, LIMITS.url);
	if (!/^https?:\/\/[^\s]+$/i.test(url)) fail(field, 'must be a public http(s) URL');
	return url;
}

function requireNumberInRange(field: string, value: unknown, limit: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) fail(field, 'must be a number');
	if (Math.abs(number) > limit) fail(field, `must be between -${limit} and ${limit}`);
	return number;
}

export function validateContactId(value: unknown): string {
	const contactId = typeof value === 'number' ? String(value) : value;
	const id = requireText('Contact ID', contactId, LIMITS.contactId);
	if (!CONTACT_ID_PATTERN.test(id)) {
		fail('Contact ID', 'may only contain A-Z, a-z, 0-9 and _ = + / @ (a phone number like +60177872890 or a custom ID)');
	}
	return id;
}

export function validateMessageId(value: unknown): string {
	const mId = typeof value === 'number' ? String(value) : value;
	return requireText('Message ID', mId, LIMITS.mId);
}

/** A message id the platform accepts (at most 50 characters) when the user gives none. */
export function generateMessageId(): string {
	return randomUUID();
}

/** Milliseconds since the epoch from a number (seconds or milliseconds), a numeric string or a date. */
export function timestampMs(value: unknown, now = Date.now()): number {
	if (value === undefined || value === null || value === '') return now;
	const numeric = typeof value === 'number' ? value : Number(value);
	if (Number.isFinite(numeric)) {
		if (numeric <= 0) fail('Timestamp', 'must be a positive time');
		return Math.round(numeric < 1e12 ? numeric * 1000 : numeric);
	}
	const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
	if (Number.isNaN(parsed)) fail('Timestamp', 'must be milliseconds since 1970 or an ISO 8601 date');
	return parsed;
}

/** The `message` object of an event, validated against the documented limits. */
export function buildMessage(input: MessageInput): IDataObject {
	switch (input.type) {
		case 'text':
			return { type: 'text', text: requireText('Text', input.text, LIMITS.text) };
		case 'attachment': {
			const { attachment } = input;
			const kind = attachment.type;
			if (!['image', 'video', 'audio', 'file'].includes(kind)) {
				fail('Attachment Type', 'must be one of image, video, audio, file');
			}
			const body: IDataObject = { type: kind, url: requireUrl('Attachment URL', attachment.url) };
			const mimeType = optionalText('Attachment MIME Type', attachment.mimeType, LIMITS.url);
			if (mimeType) body.mimeType = mimeType;
			const fileName = optionalText('Attachment File Name', attachment.name, LIMITS.fileName);
			if (fileName) {
				if (!/\.[A-Za-z0-9]+$/.test(fileName)) fail('Attachment File Name', 'must end with a file extension, e.g. report.pdf');
				body.fileName = fileName;
			}
			const description = optionalText('Attachment Description', input.description, LIMITS.description);
			if (description) {
				if (kind !== 'image') fail('Attachment Description', 'is only allowed for image attachments');
				body.description = description;
			}
			return { type: 'attachment', attachment: body };
		}
		case 'location': {
			const body: IDataObject = {
				type: 'location',
				latitude: requireNumberInRange('Latitude', input.latitude, 90),
				longitude: requireNumberInRange('Longitude', input.longitude, 180),
			};
			const address = optionalText('Address', input.address, LIMITS.address);
			if (address) body.address = address;
			return body;
		}
		case 'quick_reply': {
			const title = requireText('Quick Reply Title', input.title, LIMITS.quickReplyTitle);
			const replies = (input.replies ?? []).filter((reply) => reply !== undefined && reply !== null && reply !== '');
			if (replies.length === 0) fail('Replies', 'must hold at least one reply');
			if (replies.length > LIMITS.quickReplies) {
				fail('Replies', `holds ${replies.length} replies; the limit is ${LIMITS.quickReplies}`);
			}
			replies.forEach((reply, index) => requireText(`Reply ${index + 1}`, reply, LIMITS.quickReply));
			return { type: 'quick_reply', title, replies };
		}
	}
}

/** The optional `contact` object: empty fields are dropped, the rest validated. */
export function buildContact(input: ContactInput): IDataObject | undefined {
	const contact: IDataObject = {};
	const set = (key: string, value: unknown) => {
		if (value !== undefined) contact[key] = value;
	};
	set('firstName', optionalText('First Name', input.firstName, LIMITS.name));
	set('lastName', optionalText('Last Name', input.lastName, LIMITS.name));
	const profilePic = optionalText('Profile Picture URL', input.profilePic, LIMITS.url);
	if (profilePic) set('profilePic', requireUrl('Profile Picture URL', profilePic));
	set('locale', optionalText('Locale', input.locale, 20));
	const countryCode = optionalText('Country Code', input.countryCode, 2);
	if (countryCode && !/^[A-Za-z]{2}$/.test(countryCode)) fail('Country Code', 'must be a 2-letter ISO 3166 alpha-2 code');
	set('countryCode', countryCode?.toUpperCase());
	if (input.timezone !== undefined && input.timezone !== null && input.timezone !== '') {
		set('timezone', requireNumberInRange('Timezone', input.timezone, 24));
	}
	const email = optionalText('Email', input.email, LIMITS.email);
	if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) fail('Email', 'must be an email address');
	set('email', email);
	const phone = optionalText('Phone', input.phone, LIMITS.phone);
	if (phone && !/^\+?[0-9 ()-]+$/.test(phone)) fail('Phone', 'must be a phone number, e.g. +60177872890');
	set('phone', phone);
	const language = optionalText('Language', input.language, 2);
	if (language && !/^[A-Za-z]{2}$/.test(language)) fail('Language', 'must be a 2-letter ISO 639-1 code');
	set('language', language?.toLowerCase());
	return Object.keys(contact).length > 0 ? contact : undefined;
}

export interface EventInput {
	type: EventType;
	mId: string;
	timestamp: number;
	message?: IDataObject;
	status?: { value: StatusValue; message?: string };
}

/** One entry of `events`: message and message_echo carry a message, message_status a status. */
export function buildEvent(input: EventInput): IDataObject {
	const event: IDataObject = { type: input.type, mId: validateMessageId(input.mId), timestamp: input.timestamp };
	if (input.type === 'message_status') {
		if (!input.status || !['sent', 'delivered', 'read', 'failed'].includes(input.status.value)) {
			fail('Status', 'must be one of sent, delivered, read, failed');
		}
		const status: IDataObject = { value: input.status.value };
		const reason = optionalText('Failure Reason', input.status.message, 1000);
		if (reason && input.status.value === 'failed') status.message = reason;
		event.status = status;
	} else {
		if (!input.message) fail('Message', 'is required');
		event.message = input.message;
	}
	return event;
}

/** The whole webhook body. */
export function buildWebhookBody(
	channelId: string,
	contactId: unknown,
	events: IDataObject[],
	contact?: IDataObject,
): IDataObject {
	if (!channelId) fail('Channel ID', 'is missing in the credential');
	const body: IDataObject = { channelId, contactId: validateContactId(contactId), events };
	if (contact) body.contact = contact;
	return body;
}

/** Event ids for several events built from one item: the first keeps the id, the others get a suffix. */
export function eventIds(mId: string, count: number): string[] {
	if (count <= 1) return [mId];
	return Array.from({ length: count }, (_, index) => {
		if (index === 0) return mId;
		const suffix = `_${index + 1}`;
		return `${mId.slice(0, LIMITS.mId - suffix.length)}${suffix}`;
	});
}
