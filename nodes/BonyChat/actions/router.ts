import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as echo from './message/echo';
import * as reply from './message/reply';
import * as send from './message/send';
import * as updateStatus from './message/updateStatus';

const operations: Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[]>> = {
	'message.send': send.execute,
	'message.echo': echo.execute,
	'message.updateStatus': updateStatus.execute,
	'message.reply': reply.execute,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[`${resource}.${operation}`];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await run.call(this)];
}
