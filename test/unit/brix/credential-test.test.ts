import { checkWithoutBrix, verdict } from '../../../nodes/Brix/credentialTest';

describe('BRIX credential test', () => {
	it('refuses an empty token unless unauthenticated requests are accepted', () => {
		expect(checkWithoutBrix({ token: '' })).toMatchObject({ status: 'Error', message: expect.stringContaining('Accept Unauthenticated Requests') });
		expect(checkWithoutBrix({ token: '', acceptUnauthenticated: true })).toMatchObject({ status: 'OK' });
	});

	it('passes a trigger-only credential without calling BRIX, and calls BRIX when there is a base URL', () => {
		expect(checkWithoutBrix({ token: 'confirm', baseUrl: '' })).toMatchObject({ status: 'OK', message: expect.stringContaining('Trigger-only') });
		expect(checkWithoutBrix({ token: 'confirm', baseUrl: 'my-company.brix365.com' })).toMatchObject({ status: 'Error' });
		expect(checkWithoutBrix({ token: 'confirm', baseUrl: 'https://my-company.brix365.com' })).toBeUndefined();
	});

	it('reads BRIX\'s answer to the user-info read', () => {
		expect(verdict(200)).toMatchObject({ status: 'OK' });
		expect(verdict(401)).toMatchObject({ status: 'Error', message: expect.stringContaining('token') });
		expect(verdict(404)).toMatchObject({ status: 'Error', message: expect.stringContaining('Default Channel ID') });
		expect(verdict(502)).toMatchObject({ status: 'Error' });
	});
});
