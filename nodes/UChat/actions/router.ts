import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

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
	const items = this.getInputData();
	const results: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const run = operations[resource]?.[operation];
			if (!run) {
				throw new NodeOperationError(this.getNode(), `Unsupported operation "${operation}" of "${resource}"`, {
					itemIndex,
				});
			}
			results.push(await run.call(this, itemIndex));
		} catch (error) {
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (this.continueOnFail()) {
				results.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw nodeError;
		}
	}
	return [results];
}
