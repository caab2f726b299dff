import { sendExternalBody, withAttachmentLinks } from '../../../nodes/Selarti/body';

describe('Selarti attachment links', () => {
	const photo = { type: 'image' as const, url: 'https://files.example.com/photo.png' };
	const form = { type: 'file' as const, url: 'https://files.example.com/form.pdf', name: 'form.pdf' };

	it('keeps the message as it is without attachments', () => {
		expect(withAttachmentLinks('Hello', [])).toBe('Hello');
		expect(withAttachmentLinks(undefined, [])).toBeUndefined();
	});

	it('puts each attachment URL on its own line after the text', () => {
		expect(withAttachmentLinks('Here you go ', [photo, form])).toBe(
			'Here you go\nhttps://files.example.com/photo.png\nhttps://files.example.com/form.pdf',
		);
	});

	it('sends a message made of links only when there is no text', () => {
		expect(withAttachmentLinks('', [photo])).toBe('https://files.example.com/photo.png');
		expect(sendExternalBody('task', '42', withAttachmentLinks('', [photo]))).toEqual({
			task_id: 'task',
			chat_id: '42',
			message: 'https://files.example.com/photo.png',
		});
	});

	it('still refuses an empty message', () => {
		expect(() => sendExternalBody('task', '42', withAttachmentLinks('  ', []))).toThrow(/Message is required/);
	});
});
