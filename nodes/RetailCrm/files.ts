import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { botRequest, type RateLimiter } from './transport';

export interface MultipartBody {
	body: Buffer;
	contentType: string;
}

/** A multipart/form-data body with one file field (the Bot API's `POST /files/upload` reads `file`). */
export function multipartFile(data: Buffer, fileName: string, mimeType: string, field = 'file', boundary?: string): MultipartBody {
	const mark = boundary ?? `----n8nChatBridge${randomBytes(12).toString('hex')}`;
	const safeName = fileName.replace(/["\r\n\\]/g, '_') || 'file';
	const head = Buffer.from(
		`--${mark}\r\nContent-Disposition: form-data; name="${field}"; filename="${safeName}"\r\n` +
			`Content-Type: ${mimeType || 'application/octet-stream'}\r\n\r\n`,
		'utf8',
	);
	const tail = Buffer.from(`\r\n--${mark}--\r\n`, 'utf8');
	return { body: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${mark}` };
}

export async function uploadBinary(
	this: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	limiter?: RateLimiter,
): Promise<IDataObject> {
	const binary = this.helpers.assertBinaryData(itemIndex, propertyName);
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	const multipart = multipartFile(data, binary.fileName ?? 'file', binary.mimeType);
	return await botRequest.call(this, {
		method: 'POST',
		path: '/files/upload',
		body: multipart.body,
		headers: { 'Content-Type': multipart.contentType },
		itemIndex,
		limiter,
	});
}

export async function uploadByUrl(
	this: IExecuteFunctions,
	itemIndex: number,
	url: string,
	limiter?: RateLimiter,
): Promise<IDataObject> {
	return await botRequest.call(this, { method: 'POST', path: '/files/upload_by_url', body: { url }, itemIndex, limiter });
}
