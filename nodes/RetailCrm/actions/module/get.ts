import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { maskTokens } from '../../../shared/secrets';
import { v5Request } from '../../transport';
import { forOperation, stringParameter, type OperationContext } from '../common';

export const description = forOperation('module', 'get', [
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. awesomebot-101',
		description: 'The module code',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const code = stringParameter.call(this, 'code', itemIndex);
	const answer = await v5Request.call(this, {
		method: 'GET',
		path: `/integration-modules/${encodeURIComponent(code)}`,
		itemIndex,
		limiter: context.limiter,
	});
	// The module carries the MessageGateway bot token, which must not land in execution data.
	return maskTokens((answer.integrationModule ?? answer) as IDataObject);
}
