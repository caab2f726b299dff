import { conversationFor, conversationNumber, originKey, parseOriginKey, withOrigin } from '../../../nodes/shared/origin';

const RESPOND_IO_ALPHABET = /^[A-Za-z0-9_=+/@]+$/;

describe('origin keys', () => {
	it.each([
		[{ platform: 'brix', chatId: 'chat12' }, 'brix_chat12'],
		[{ platform: 'bonychat', chatId: '+60177872890' }, 'bonychat_+60177872890'],
		[{ platform: 'uchat', chatId: '123', userId: 'contact-42' }, 'uchat_123@=Y29udGFjdC00Mg=='],
		[{ platform: 'selarti', chatId: '42', userId: '42' }, 'selarti_42'],
		[{ platform: 'retailcrm', chatId: 'a:b c/é' }, 'retailcrm_=YTpiIGMvw6k='],
	] as const)('names %j as %s and reads it back', (origin, key) => {
		expect(originKey(origin)).toBe(key);
		expect(key).toMatch(RESPOND_IO_ALPHABET);
		const back = parseOriginKey(key)!;
		expect(back.platform).toBe(origin.platform);
		expect(back.chatId).toBe(origin.chatId);
		expect(back.userId ?? origin.chatId).toBe('userId' in origin ? origin.userId : origin.chatId);
	});

	it('reads a platform\'s own ids as no origin', () => {
		for (const own of ['123', '+60177872890', 'chat12', 'telegram_5', 'brix_', 'brix_a@', 'uchat_=!!', 'uchat_@x', 42, undefined]) {
			expect(parseOriginKey(own)).toBeUndefined();
		}
	});

	it('numbers a conversation stably with a positive 31-bit integer', () => {
		const first = conversationNumber('brix_chat12');
		expect(first).toBe(conversationNumber('brix_chat12'));
		expect(first).not.toBe(conversationNumber('brix_chat13'));
		expect(Number.isInteger(first) && first > 0 && first < 2 ** 31).toBe(true);
	});

	it('opens a conversation for a foreign chat and answers into the own one', () => {
		expect(conversationFor('uchat', 'brix', 'chat12')).toEqual({ key: 'brix_chat12', origin: { platform: 'brix', chatId: 'chat12' } });
		expect(conversationFor('uchat', 'uchat', '123', 'contact-42')).toEqual({ key: '123' });
		expect(conversationFor('uchat', '', '123')).toEqual({ key: '123' });
		expect(conversationFor('uchat', 'telegram', '123')).toEqual({ key: '123' });
		expect(conversationFor('uchat', 'brix', '')).toEqual({ key: '' });
		expect(conversationFor('selarti', 'uchat', '5', 'contact-42').key).toBe('uchat_5@=Y29udGFjdC00Mg==');
		expect(conversationFor('selarti', 'retailcrm', '801', '519896').key).toBe('retailcrm_801');
	});

	it('turns a trigger item of a bridged conversation into one that answers the origin', () => {
		const item = { platform: 'uchat', chatId: '987', userId: 'brix_chat12', text: 'hi', raw: {} };
		expect(withOrigin(item, 'brix_chat12')).toEqual({ ...item, chatId: 'chat12', userId: 'chat12', origin: { platform: 'brix', chatId: 'chat12' } });
		expect(withOrigin(item, '987')).toBe(item);
		expect(withOrigin(item, 'uchat_123@=Y29udGFjdC00Mg==')).toMatchObject({ chatId: '123', userId: 'contact-42' });
	});
});
