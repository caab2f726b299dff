import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, type OperationContext } from '../common';

export const description = forOperation('bot', 'updateInfo', [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Avatar URL',
				name: 'avatarUrl',
				type: 'string',
				default: '',
				description: 'Public HTTPS address of the bot avatar image',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The name operators see',
			},
			{
				displayName: 'Roles',
				name: 'roles',
				type: 'multiOptions',
				default: [],
				description: 'What the bot may do in the chats',
				options: [
					{ name: 'Distributor', value: 'distributor', description: 'Distributes dialogs among operators' },
					{ name: 'Hidden', value: 'hidden', description: 'Invisible to customers' },
					{ name: 'Responsible', value: 'responsible', description: 'Can be responsible for dialogs' },
				],
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (typeof fields.name === 'string' && fields.name !== '') body.name = fields.name;
	if (typeof fields.avatarUrl === 'string' && fields.avatarUrl !== '') body.avatar_url = fields.avatarUrl;
	if (Array.isArray(fields.roles) && fields.roles.length > 0) body.roles = fields.roles;
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Add at least one field to update', { itemIndex });
	}
	await botRequest.call(this, { method: 'PATCH', path: '/my/info', body, itemIndex, idempotent: true, limiter: context.limiter });
	return { updated: true, ...body };
}
