import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, stringParameter, type OperationContext } from '../common';

export const description = forOperation('command', 'createOrUpdate', [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. start',
		description: 'The command name without the slash (up to 32 letters, digits or underscores)',
	},
	{
		displayName: 'Description',
		name: 'commandDescription',
		type: 'string',
		default: '',
		required: true,
		description: 'What the command does, shown to operators (up to 64 characters)',
	},
]);

/** Command names the Bot API accepts: latin letters, digits and underscores, at most 32. */
export function validCommandName(name: string): boolean {
	return /^[A-Za-z0-9_]{1,32}$/.test(name);
}

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const name = stringParameter.call(this, 'name', itemIndex).replace(/^\//, '');
	const commandDescription = stringParameter.call(this, 'commandDescription', itemIndex);
	if (!validCommandName(name)) {
		throw new NodeOperationError(this.getNode(), `Invalid command name "${name}"`, {
			itemIndex,
			description: 'Use 1 to 32 latin letters, digits or underscores, without the leading slash.',
		});
	}
	if (commandDescription.length === 0 || commandDescription.length > 64) {
		throw new NodeOperationError(this.getNode(), 'The command description must have 1 to 64 characters', { itemIndex });
	}
	return await botRequest.call(this, {
		method: 'PUT',
		path: `/my/commands/${encodeURIComponent(name)}`,
		body: { name, description: commandDescription },
		itemIndex,
		idempotent: true,
		limiter: context.limiter,
	});
}
