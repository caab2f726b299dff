import type { IExecuteFunctions } from 'n8n-workflow';

import { uploadByUrl } from '../../files';
import { forOperation, stringParameter, type OperationContext } from '../common';

export const description = forOperation('file', 'uploadByUrl', [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/picture.jpg',
		description: 'A public address MessageGateway downloads the file from',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	return await uploadByUrl.call(this, itemIndex, stringParameter.call(this, 'url', itemIndex), context.limiter);
}
