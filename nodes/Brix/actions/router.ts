import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runForEachItem } from '../../shared/runner';
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
	return [
		await runForEachItem(this, async (itemIndex) => {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const run = OPERATIONS[resource]?.[operation];
			if (!run) {
				throw new NodeOperationError(this.getNode(), `Unsupported operation ${resource}/${operation}`, { itemIndex });
			}
			return await run.call(this, itemIndex);
		}),
	];
}
