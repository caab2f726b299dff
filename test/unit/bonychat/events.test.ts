import {
	EventValidationError,
	buildContact,
	buildEvent,
	buildMessage,
	buildWebhookBody,
	eventIds,
	timestampMs,
	validateContactId,
} from '../../../nodes/BonyChat/events';

function failure(fn: () => unknown): EventValidationError {
	try {
		fn();
	} catch (error) {
		if (error instanceof EventValidationError) return error;
		throw error;
	}
	throw new Error('expected a validation error');
}

describe('contact id', () => {
	it('accepts phone numbers and the documented custom id characters', () => {
		expect(validateContactId('+60177872890')).toBe('+60177872890');
		expect(validateContactId('Ab0_=+/@')).toBe('Ab0_=+/@');
		expect(validateContactId('a'.repeat(50))).toHaveLength(50);
	});
	it('names the field and the rule when it breaks one', () => {
		expect(failure(() => validateContactId('a'.repeat(51))).message).toMatch(/^Contact ID .*51.*limit is 50/);
		expect(failure(() => validateContactId('with space')).field).toBe('Contact ID');
		expect(failure(() => validateContactId('a-b')).message).toMatch(/A-Z, a-z, 0-9/);
		expect(failure(() => validateContactId('')).message).toBe('Contact ID is required');
	});
});

describe('buildMessage limits', () => {
	it('text: 1..7000 characters', () => {
		expect(buildMessage({ type: 'text', text: 'x'.repeat(7000) })).toEqual({ type: 'text', text: 'x'.repeat(7000) });
		expect(failure(() => buildMessage({ type: 'text', text: 'x'.repeat(7001) })).message).toMatch(/^Text is 7001 characters long; the limit is 7000/);
		expect(failure(() => buildMessage({ type: 'text', text: ' ' })).field).toBe('Text');
	});
	it('attachment: public URL <= 2000, file name with extension <= 256, description only for images', () => {
		expect(buildMessage({ type: 'attachment', attachment: { type: 'audio', url: 'https://x/a.mp3', name: 'a.mp3', mimeType: 'audio/mpeg' } })).toEqual({
			type: 'attachment', attachment: { type: 'audio', url: 'https://x/a.mp3', fileName: 'a.mp3', mimeType: 'audio/mpeg' },
		});
		expect(failure(() => buildMessage({ type: 'attachment', attachment: { type: 'file', url: `https://x/${'a'.repeat(1992)}` } })).field).toBe('Attachment URL');
		expect(failure(() => buildMessage({ type: 'attachment', attachment: { type: 'file', url: 'ftp://x/y' } })).message).toMatch(/public http/);
		expect(failure(() => buildMessage({ type: 'attachment', attachment: { type: 'file', url: 'https://x', name: 'noext' } })).field).toBe('Attachment File Name');
		expect(failure(() => buildMessage({ type: 'attachment', attachment: { type: 'file', url: 'https://x', name: `${'a'.repeat(253)}.pdf` } })).field).toBe('Attachment File Name');
		expect(failure(() => buildMessage({ type: 'attachment', attachment: { type: 'video', url: 'https://x' }, description: 'caption' })).message).toMatch(/only allowed for image/);
		expect(failure(() => buildMessage({ type: 'attachment', attachment: { type: 'image', url: 'https://x' }, description: 'd'.repeat(257) })).field).toBe('Attachment Description');
	});
	it('location: latitude ±90, longitude ±180, address <= 256', () => {
		expect(buildMessage({ type: 'location', latitude: -90, longitude: 180 })).toEqual({ type: 'location', latitude: -90, longitude: 180 });
		expect(failure(() => buildMessage({ type: 'location', latitude: 90.1, longitude: 0 })).field).toBe('Latitude');
		expect(failure(() => buildMessage({ type: 'location', latitude: 0, longitude: -181 })).field).toBe('Longitude');
		expect(failure(() => buildMessage({ type: 'location', latitude: 0, longitude: 0, address: 'a'.repeat(257) })).field).toBe('Address');
	});
	it('quick reply: title <= 256, 1..10 replies of <= 256 characters', () => {
		const ten = Array.from({ length: 10 }, (_, i) => `r${i}`);
		expect(buildMessage({ type: 'quick_reply', title: 'Pick', replies: ten })).toEqual({ type: 'quick_reply', title: 'Pick', replies: ten });
		expect(failure(() => buildMessage({ type: 'quick_reply', title: 'Pick', replies: [...ten, 'r10'] })).message).toMatch(/^Replies holds 11 replies; the limit is 10/);
		expect(failure(() => buildMessage({ type: 'quick_reply', title: 'Pick', replies: [] })).field).toBe('Replies');
		expect(failure(() => buildMessage({ type: 'quick_reply', title: 'Pick', replies: ['ok', 'x'.repeat(257)] })).field).toBe('Reply 2');
		expect(failure(() => buildMessage({ type: 'quick_reply', title: 't'.repeat(257), replies: ['ok'] })).field).toBe('Quick Reply Title');
	});
});

describe('buildContact', () => {
	it('drops empty fields and normalises codes', () => {
		expect(buildContact({ firstName: 'John', lastName: '', countryCode: 'my', language: 'EN', timezone: '8' })).toEqual({
			firstName: 'John', countryCode: 'MY', language: 'en', timezone: 8,
		});
		expect(buildContact({})).toBeUndefined();
	});
	it('enforces the documented limits', () => {
		expect(failure(() => buildContact({ firstName: 'a'.repeat(51) })).field).toBe('First Name');
		expect(failure(() => buildContact({ email: `${'a'.repeat(45)}@b.com` })).field).toBe('Email');
		expect(failure(() => buildContact({ phone: '+1234567890123456789' })).field).toBe('Phone');
		expect(failure(() => buildContact({ countryCode: 'MYS' })).field).toBe('Country Code');
		expect(failure(() => buildContact({ timezone: 25 })).field).toBe('Timezone');
		expect(failure(() => buildContact({ language: 'eng' })).field).toBe('Language');
		expect(failure(() => buildContact({ profilePic: 'not a url' })).field).toBe('Profile Picture URL');
	});
});

describe('events and body', () => {
	it('builds message, echo and status events', () => {
		expect(buildEvent({ type: 'message_echo', mId: 'm', timestamp: 5, message: { type: 'text', text: 'x' } })).toEqual({
			type: 'message_echo', mId: 'm', timestamp: 5, message: { type: 'text', text: 'x' },
		});
		expect(buildEvent({ type: 'message_status', mId: 'm', timestamp: 5, status: { value: 'read', message: 'ignored' } })).toEqual({
			type: 'message_status', mId: 'm', timestamp: 5, status: { value: 'read' },
		});
		expect(buildEvent({ type: 'message_status', mId: 'm', timestamp: 5, status: { value: 'failed', message: 'blocked' } }).status).toEqual({ value: 'failed', message: 'blocked' });
		expect(failure(() => buildEvent({ type: 'message', mId: 'm'.repeat(51), timestamp: 5, message: {} })).field).toBe('Message ID');
	});
	it('timestamps are milliseconds', () => {
		expect(timestampMs(1721129985)).toBe(1721129985000);
		expect(timestampMs(1721129985149)).toBe(1721129985149);
		expect(timestampMs('2024-07-16T11:39:45.149Z')).toBe(1721129985149);
		expect(timestampMs('', 42)).toBe(42);
		expect(failure(() => timestampMs('yesterday')).field).toBe('Timestamp');
	});
	it('event ids stay unique and within 50 characters', () => {
		expect(eventIds('m', 1)).toEqual(['m']);
		const ids = eventIds('x'.repeat(50), 3);
		expect(new Set(ids).size).toBe(3);
		for (const id of ids) expect(id.length).toBeLessThanOrEqual(50);
	});
	it('the body carries channelId, contactId, events and the optional contact', () => {
		expect(buildWebhookBody('ch', '+1', [{ type: 'message' }])).toEqual({ channelId: 'ch', contactId: '+1', events: [{ type: 'message' }] });
		expect(failure(() => buildWebhookBody('', '+1', [])).field).toBe('Channel ID');
	});
});
