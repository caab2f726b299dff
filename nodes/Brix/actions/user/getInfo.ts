import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idString } from '../../../shared/message';
import { ParameterError } from '../../../shared/runner';
import { brixPost, targetUrl } from '../../transport';
import { targetProperties } from '../common';

export const description: INodeProperties[] = [
	...targetProperties('user', ['getInfo']),
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		displayOptions: { show: { resource: ['user'], operation: ['getInfo'] } },
		default: '',
		description: 'ID of the BRIX user (for example an operator) to ask BRIX about',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const url = await targetUrl.call(this, itemIndex);
	const userId = idString(this.getNodeParameter('userId', itemIndex, ''));
	if (!userId) throw new ParameterError('User ID is empty', 'Map the ID of the BRIX user to ask about into User ID.');
	const response = await brixPost.call(this, url, { type: 'userInfo', data: { userId } }, itemIndex, true);
	const body = response.body;
	if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as IDataObject;
	return { userId, response: body as string };
}
