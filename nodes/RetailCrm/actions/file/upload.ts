import type { IExecuteFunctions } from 'n8n-workflow';

import { uploadBinary } from '../../files';
import { forOperation, stringParameter, type OperationContext } from '../common';

export const description = forOperation('file', 'upload', [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the input binary field holding the file to upload',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
	const property = stringParameter.call(this, 'binaryPropertyName', itemIndex);
	return await uploadBinary.call(this, itemIndex, property, context.limiter);
}
