import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runForEachItem } from '../../shared/runner';
import * as send from './message/send';
import * as sendMedia from './message/sendMedia';
import * as sendPostback from './message/sendPostback';
import * as getWebhook from './webhook/get';
import * as removeWebhook from './webhook/remove';
import * as setWebhook from './webhook/set';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData>;

const operations: Record<string, Record<string, Operation>> = {
	message: { send: send.execute, sendMedia: sendMedia.execute, sendPostback: sendPostback.execute },
	webhook: { get: getWebhook.execute, set: setWebhook.execute, remove: removeWebhook.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [
		await runForEachItem(this, async (itemIndex) => {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const run = operations[resource]?.[operation];
			if (!run) {
				throw new NodeOperationError(this.getNode(), `Unsupported operation "${operation}" of "${resource}"`, {
					itemIndex,
				});
			}
			return (await run.call(this, itemIndex)).json;
		}),
	];
}
