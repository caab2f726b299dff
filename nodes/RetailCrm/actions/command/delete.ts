import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, stringParameter, type OperationContext } from '../common';

export const description = forOperation('command', 'delete', [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'The name of the command to delete, without the slash',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const name = stringParameter.call(this, 'name', itemIndex).replace(/^\//, '');
	await botRequest.call(this, {
		method: 'DELETE',
		path: `/my/commands/${encodeURIComponent(name)}`,
		itemIndex,
		idempotent: true,
		limiter: context.limiter,
	});
	return { name, deleted: true };
}
