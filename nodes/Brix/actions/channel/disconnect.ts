import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { brixPost, targetUrl } from '../../transport';
import { targetProperties } from '../common';

export const description: INodeProperties[] = [...targetProperties('channel', ['disconnect'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const url = await targetUrl.call(this, itemIndex);
	const response = await brixPost.call(this, url, { type: 'disconnect' }, itemIndex, false);
	return { disconnected: true, statusCode: response.statusCode, response: response.body as IDataObject };
}
