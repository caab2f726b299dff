import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { partnerWebhook } from '../../transport';
import { publicWebhook, workspaceField, workspaceIdParameter } from './common';

export const description: INodeProperties[] = [workspaceField('remove')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const workspaceId = workspaceIdParameter.call(this, itemIndex);
	const webhook = await partnerWebhook.call(this, 'DELETE', workspaceId, undefined, itemIndex);
	return { json: { deleted: true, ...publicWebhook(webhook) }, pairedItem: { item: itemIndex } };
}
