import type { IExecuteFunctions } from 'n8n-workflow';

import { botRequest } from '../../transport';
import { forOperation, stringParameter, type OperationContext } from '../common';

export const description = forOperation('file', 'get', [
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. e038aa39-2338-4285-be86-e2a0bb424daa',
		description: 'The file UUID (from an upload or from a message item). The answer holds a temporary download URL.',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const fileId = stringParameter.call(this, 'fileId', itemIndex);
	return await botRequest.call(this, {
		method: 'GET',
		path: `/files/${encodeURIComponent(fileId)}`,
		itemIndex,
		limiter: context.limiter,
	});
}
