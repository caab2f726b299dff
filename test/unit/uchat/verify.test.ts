import {
	automaticVerificationKey,
	handshake,
	isValidSignature,
	lenientBody,
	signatureFor,
	verificationParams,
} from '../../../nodes/UChat/verify';

const BODY = '{"sender_id":"contact-42","conv_id":123,"text":"Hi","type":"text","message_type":"outgoing","private":false}';
// openssl dgst -sha256 -hmac VERIFICATION_TOKEN (= PHP hash_hmac('sha256', $payload, $key))
const EXPECTED = 'sha256=ce6db53f825bdeac835c38f435e66007c0042b922e34187f990f6d9a0acd403f';

describe('UChat signature (X-Hub-Signature-256)', () => {
	it('matches PHP hash_hmac over the raw body', () => {
		expect(signatureFor(Buffer.from(BODY), 'VERIFICATION_TOKEN')).toBe(EXPECTED);
	});

	it('accepts the correct signature, also with upper-case hex and surrounding spaces', () => {
		expect(isValidSignature(Buffer.from(BODY), EXPECTED, 'VERIFICATION_TOKEN')).toBe(true);
		expect(isValidSignature(Buffer.from(BODY), ` sha256=${EXPECTED.slice(7).toUpperCase()} `, 'VERIFICATION_TOKEN')).toBe(true);
	});

	it('rejects a missing, empty, unprefixed or wrong signature', () => {
		const raw = Buffer.from(BODY);
		expect(isValidSignature(raw, undefined, 'VERIFICATION_TOKEN')).toBe(false);
		expect(isValidSignature(raw, '', 'VERIFICATION_TOKEN')).toBe(false);
		expect(isValidSignature(raw, EXPECTED.slice(7), 'VERIFICATION_TOKEN')).toBe(false);
		expect(isValidSignature(raw, 'sha1=' + EXPECTED.slice(7), 'VERIFICATION_TOKEN')).toBe(false);
		expect(isValidSignature(raw, EXPECTED.replace(/.$/, '0'), 'VERIFICATION_TOKEN')).toBe(false);
		expect(isValidSignature(raw, EXPECTED, 'OTHER_TOKEN')).toBe(false);
	});

	it('rejects a tampered body and a re-serialised body', () => {
		expect(isValidSignature(Buffer.from(BODY.replace('Hi', 'Ho')), EXPECTED, 'VERIFICATION_TOKEN')).toBe(false);
		const reserialised = JSON.stringify(JSON.parse(BODY), null, 1);
		expect(isValidSignature(Buffer.from(reserialised), EXPECTED, 'VERIFICATION_TOKEN')).toBe(false);
	});

	it('rejects everything when no key is configured', () => {
		expect(isValidSignature(Buffer.from(''), signatureFor('', ''), '')).toBe(false);
	});
});

describe('automatic verification key', () => {
	it('is HMAC-SHA256(partner key, workflowId:nodeId) in hex', () => {
		expect(automaticVerificationKey('partner', 'w1', 'n1')).toBe(
			'bfddd59adbc6e80bdd7d0a1cc83a37549f64a418d99d52a310c930c2272da686',
		);
	});

	it('differs per workflow, node and partner key', () => {
		const base = automaticVerificationKey('partner', 'w1', 'n1');
		expect(automaticVerificationKey('partner', 'w2', 'n1')).not.toBe(base);
		expect(automaticVerificationKey('partner', 'w1', 'n2')).not.toBe(base);
		expect(automaticVerificationKey('other', 'w1', 'n1')).not.toBe(base);
	});
});

describe('verification request parsing', () => {
	const expected = { mode: 'subscribe', verifyToken: 'tok', challenge: '205c40409f9bcdeb9e00614b442c5fdd' };

	it('reads a urlencoded body', () => {
		const raw = Buffer.from('hub_mode=subscribe&hub_verify_token=tok&hub_challenge=205c40409f9bcdeb9e00614b442c5fdd');
		expect(verificationParams({}, raw, 'application/x-www-form-urlencoded')).toEqual(expected);
	});

	it('reads a urlencoded body sent without a content type', () => {
		const raw = Buffer.from('hub_mode=subscribe&hub_verify_token=tok&hub_challenge=205c40409f9bcdeb9e00614b442c5fdd');
		expect(verificationParams({}, raw, '')).toEqual(expected);
	});

	it('reads a JSON body', () => {
		const raw = Buffer.from(JSON.stringify({ hub_mode: 'subscribe', hub_verify_token: 'tok', hub_challenge: expected.challenge }));
		expect(verificationParams({}, raw, 'application/json')).toEqual(expected);
	});

	it('reads the query string (GET or POST)', () => {
		const query = { hub_mode: 'subscribe', hub_verify_token: 'tok', hub_challenge: expected.challenge };
		expect(verificationParams(query, Buffer.alloc(0), '')).toEqual(expected);
	});

	it('accepts the dotted Facebook spelling', () => {
		const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'tok', 'hub.challenge': expected.challenge };
		expect(verificationParams(query, Buffer.alloc(0), '')).toEqual(expected);
	});

	it('returns undefined for a message delivery', () => {
		expect(verificationParams({}, Buffer.from(BODY), 'application/json')).toBeUndefined();
		expect(verificationParams({}, Buffer.from('not json'), 'text/plain')).toBeUndefined();
	});

	it('lenientBody never throws on broken input', () => {
		expect(lenientBody(Buffer.from('{broken'), 'application/json')).toEqual({});
		expect(lenientBody(Buffer.from('[1,2]'), 'application/json')).toEqual({});
	});
});

describe('handshake', () => {
	it('answers the challenge when mode and token match', () => {
		expect(handshake({ mode: 'subscribe', verifyToken: 'key', challenge: 'abc' }, 'key')).toEqual({
			statusCode: 200,
			challenge: 'abc',
		});
	});

	it('refuses a wrong or missing token with 403', () => {
		expect(handshake({ mode: 'subscribe', verifyToken: 'nope', challenge: 'abc' }, 'key').statusCode).toBe(403);
		expect(handshake({ mode: 'subscribe', challenge: 'abc' }, 'key').statusCode).toBe(403);
		expect(handshake({ mode: 'subscribe', verifyToken: '', challenge: 'abc' }, '').statusCode).toBe(403);
	});

	it('refuses another mode with 403', () => {
		expect(handshake({ mode: 'unsubscribe', verifyToken: 'key', challenge: 'abc' }, 'key').statusCode).toBe(403);
	});

	it('answers 400 when the challenge is missing', () => {
		expect(handshake({ mode: 'subscribe', verifyToken: 'key' }, 'key').statusCode).toBe(400);
	});
});
