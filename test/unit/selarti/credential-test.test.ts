import { verdict } from '../../../nodes/Selarti/credentialTest';

describe('Selarti credential test verdict', () => {
	it('fails on the token errors Selarti reports in the status or in its body', () => {
		expect(verdict(401, {})).toEqual({ status: 'Error', message: 'Selarti did not accept the API token' });
		expect(verdict(200, { statusCode: 401, body: { status: 'UNAUTHORIZED' } })).toMatchObject({ status: 'Error' });
		expect(verdict(400, { statusCode: 400, body: { status: 'UNAUTHORIZED' } })).toMatchObject({ status: 'Error' });
		expect(verdict(403, undefined)).toMatchObject({ status: 'Error', message: expect.stringContaining('may not') });
		expect(verdict(404, 'not found')).toMatchObject({ status: 'Error', message: expect.stringContaining('Base URL') });
	});

	it('passes when Selarti checked the token and only refused the missing parameters', () => {
		expect(verdict(400, { statusCode: 400, body: { status: 'MISSING_DATA', message: 'Missing parameter' } })).toMatchObject({ status: 'OK' });
	});
});
