import {
	attachmentTypeOf,
	commonMessage,
	idString,
	isoTimestamp,
	parseAttachments,
} from '../../../nodes/shared/message';

describe('commonMessage', () => {
	it('drops absent fields and keeps raw', () => {
		const message = commonMessage({
			platform: 'brix',
			event: 'message',
			chatId: 'chat1',
			userId: undefined,
			text: '',
			attachments: [],
			raw: { type: 'message' },
		});
		expect(message).toEqual({ platform: 'brix', event: 'message', chatId: 'chat1', raw: { type: 'message' } });
	});
});

describe('idString', () => {
	it('normalises numbers and strings', () => {
		expect(idString(42)).toBe('42');
		expect(idString('x')).toBe('x');
		expect(idString('')).toBeUndefined();
		expect(idString(null)).toBeUndefined();
		expect(idString(Number.NaN)).toBeUndefined();
	});
});

describe('isoTimestamp', () => {
	it('reads seconds, milliseconds and date strings', () => {
		expect(isoTimestamp(1700000000)).toBe('2023-11-14T22:13:20.000Z');
		expect(isoTimestamp(1700000000123)).toBe('2023-11-14T22:13:20.123Z');
		expect(isoTimestamp('1700000000')).toBe('2023-11-14T22:13:20.000Z');
		expect(isoTimestamp('2024-01-02T03:04:05+03:00')).toBe('2024-01-02T00:04:05.000Z');
	});

	it('gives undefined for what is not a time', () => {
		expect(isoTimestamp('soon')).toBeUndefined();
		expect(isoTimestamp(undefined)).toBeUndefined();
		expect(isoTimestamp({})).toBeUndefined();
	});
});

describe('attachmentTypeOf', () => {
	it('prefers the MIME type, then the file extension', () => {
		expect(attachmentTypeOf('image/png')).toBe('image');
		expect(attachmentTypeOf('audio/ogg', 'x.mp4')).toBe('audio');
		expect(attachmentTypeOf(undefined, 'clip.MP4')).toBe('video');
		expect(attachmentTypeOf('application/pdf', 'doc.pdf')).toBe('file');
		expect(attachmentTypeOf(undefined, undefined)).toBe('file');
	});
});

describe('parseAttachments', () => {
	it('accepts the common shape as an array, a single object or JSON text', () => {
		const list = [{ type: 'image', url: 'https://x/a.png', name: 'a.png', size: 3 }];
		expect(parseAttachments(list)).toEqual(list);
		expect(parseAttachments(list[0])).toEqual(list);
		expect(parseAttachments(JSON.stringify(list))).toEqual(list);
	});

	it('reads an upper-case URL key and infers the type', () => {
		expect(parseAttachments([{ URL: 'https://x/v.mp4', name: 'v.mp4' }])).toEqual([
			{ type: 'video', url: 'https://x/v.mp4', name: 'v.mp4' },
		]);
	});

	it('treats empty input as no attachments', () => {
		expect(parseAttachments(undefined)).toEqual([]);
		expect(parseAttachments('')).toEqual([]);
		expect(parseAttachments([])).toEqual([]);
	});

	it('names the broken entry', () => {
		expect(() => parseAttachments('not json')).toThrow('JSON array');
		expect(() => parseAttachments([{ url: 'https://x' }, { name: 'no-url' }])).toThrow('Attachment 2 has no url');
		expect(() => parseAttachments([3])).toThrow('Attachment 1 must be an object');
	});
});
