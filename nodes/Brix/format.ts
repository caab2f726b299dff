import type { IDataObject } from 'n8n-workflow';

import { attachmentTypeOf, idString, type Attachment } from '../shared/message';
import { ParameterError } from '../shared/runner';
import { describeZodError } from '../shared/validation';
import { userInfoReplySchema, type UserInfoReply } from './schemas';

export interface BrixFile extends IDataObject {
	name: string;
	URL: string;
	size?: number;
}

/** BRIX `files` (upper-case `URL`) as common attachments. */
export function filesToAttachments(files: unknown): Attachment[] {
	if (!Array.isArray(files)) return [];
	return files.flatMap((entry) => {
		if (typeof entry !== 'object' || entry === null) return [];
		const file = entry as IDataObject;
		const url = typeof file.URL === 'string' ? file.URL : typeof file.url === 'string' ? file.url : undefined;
		if (!url) return [];
		const name = typeof file.name === 'string' && file.name !== '' ? file.name : undefined;
		const attachment: Attachment = { type: attachmentTypeOf(undefined, name ?? url), url };
		if (name) attachment.name = name;
		const size = typeof file.size === 'string' && file.size.trim() !== '' ? Number(file.size) : file.size;
		if (typeof size === 'number' && Number.isFinite(size)) attachment.size = size;
		return [attachment];
	});
}

/** Common attachments as BRIX `files` (`name` + upper-case `URL`). */
export function attachmentsToFiles(attachments: Attachment[]): BrixFile[] {
	return attachments.map((attachment) => {
		const fromUrl = decodeURIComponent(attachment.url.split(/[?#]/)[0].split('/').pop() ?? '') || 'file';
		const file: BrixFile = { name: attachment.name ?? fromUrl, URL: attachment.url };
		if (typeof attachment.size === 'number') file.size = attachment.size;
		return file;
	});
}

/** Strips a `data:<mime>;base64,` prefix: BRIX expects the file itself in base64. */
export function plainBase64(value: string): string {
	const match = /^data:[^;,]*(;[^,]*)?;base64,/i.exec(value);
	return match ? value.slice(match[0].length) : value;
}

/**
 * Shapes a userInfo reply: exactly `{ id, username, phoneNumber, avatar }`, all strings.
 * Missing username falls back to the id; missing phone and avatar become empty strings.
 */
export function shapeUserInfoReply(input: IDataObject): UserInfoReply {
	const idValue = idString(input.id) ?? idString(input.userId);
	if (!idValue) throw new ParameterError('The user info reply has no ID', 'Map the userId of the BRIX Trigger\'s userInfo item into User ID.');
	const text = (value: unknown): string =>
		typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
	const reply = {
		id: idValue,
		username: text(input.username) || idValue,
		phoneNumber: text(input.phoneNumber),
		avatar: plainBase64(text(input.avatar)),
	};
	const parsed = userInfoReplySchema.safeParse(reply);
	if (!parsed.success) throw new ParameterError(describeZodError(parsed.error, 'reply'), 'Every field of the reply must be text.');
	if (reply.avatar !== '' && !/^[A-Za-z0-9+/]*={0,2}$/.test(reply.avatar.replace(/\s+/g, ''))) {
		throw new ParameterError('Avatar must be a file in base64', 'Map the base64 content of the image (no data: prefix needed) into Avatar (Base64), or leave it empty.');
	}
	return reply;
}

/** The URL of a channel's BRIX webhook. */
export function channelWebhookUrl(baseUrl: string, channelId: string): string {
	const base = baseUrl.trim().replace(/\/+$/, '');
	if (!/^https?:\/\//i.test(base)) throw new Error('The credential needs the BRIX base URL (https://...)');
	return `${base}/api/messengers/external/other/webhook/${encodeURIComponent(channelId)}`;
}
