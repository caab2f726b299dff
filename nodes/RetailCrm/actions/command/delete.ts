import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { locatorValue } from '../../../shared/locator';
import { forOperation, type OperationContext } from '../common';

export const description = forOperation('command', 'delete', [
	{
		displayName: 'Name',
		name: 'name',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The command to delete',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a command...',
				typeOptions: { searchListMethod: 'searchCommands', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. start' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const name = locatorValue(this.getNodeParameter('name', itemIndex, '', { extractValue: true })).replace(/^\//, '');
	await botRequest.call(this, {
		method: 'DELETE',
		path: `/my/commands/${encodeURIComponent(name)}`,
		itemIndex,
		idempotent: true,
		limiter: context.limiter,
	});
	return { name, deleted: true };
}
