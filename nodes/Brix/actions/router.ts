import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationExecute } from './common';
import * as disconnect from './channel/disconnect';
import * as handleOutcome from './message/handleOutcome';
import * as resendPending from './message/resendPending';
import * as send from './message/send';
import * as buildInfoReply from './user/buildInfoReply';
import * as getInfo from './user/getInfo';

const OPERATIONS: Record<string, Record<string, OperationExecute>> = {
	channel: { disconnect: disconnect.execute },
	message: { send: send.execute, handleOutcome: handleOutcome.execute, resendPending: resendPending.execute },
	user: { getInfo: getInfo.execute, buildInfoReply: buildInfoReply.execute },
};

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const run = OPERATIONS[resource]?.[operation];
			if (!run) {
				throw new NodeOperationError(this.getNode(), `Unsupported operation ${resource}/${operation}`, { itemIndex });
			}
			const result = await run.call(this, itemIndex);
			const list: IDataObject[] = Array.isArray(result) ? result : [result];
			for (const json of list) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const wrapped =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (this.continueOnFail()) {
				output.push({ json: { error: wrapped.message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw wrapped;
		}
	}
	return [output];
}
