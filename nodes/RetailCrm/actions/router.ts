import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runForEachItem } from '../../shared/runner';
import { RateLimiter } from '../transport';
import type { Operation } from './common';
import * as botGetAll from './bot/getAll';
import * as botUpdateInfo from './bot/updateInfo';
import * as channelGetAll from './channel/getAll';
import * as chatGetAll from './chat/getAll';
import * as commandCreateOrUpdate from './command/createOrUpdate';
import * as commandDelete from './command/delete';
import * as commandGetAll from './command/getAll';
import * as customerGetAll from './customer/getAll';
import * as dialogAddTags from './dialog/addTags';
import * as dialogAssign from './dialog/assign';
import * as dialogClose from './dialog/close';
import * as dialogGetAll from './dialog/getAll';
import * as dialogOpen from './dialog/open';
import * as dialogRemoveTags from './dialog/removeTags';
import * as dialogUnassign from './dialog/unassign';
import * as fileGet from './file/get';
import * as fileUpload from './file/upload';
import * as fileUpdateMeta from './file/updateMeta';
import * as fileUploadByUrl from './file/uploadByUrl';
import * as memberGetAll from './member/getAll';
import * as messageDelete from './message/delete';
import * as messageEdit from './message/edit';
import * as messageGetAll from './message/getAll';
import * as messageSend from './message/send';
import * as moduleGet from './module/get';
import * as moduleRegister from './module/register';
import * as userGetAll from './user/getAll';

export const operations: Record<string, Record<string, Operation>> = {
	bot: { getAll: botGetAll, updateInfo: botUpdateInfo },
	channel: { getAll: channelGetAll },
	chat: { getAll: chatGetAll },
	command: { createOrUpdate: commandCreateOrUpdate, delete: commandDelete, getAll: commandGetAll },
	customer: { getAll: customerGetAll },
	dialog: {
		addTags: dialogAddTags,
		assign: dialogAssign,
		close: dialogClose,
		getAll: dialogGetAll,
		open: dialogOpen,
		removeTags: dialogRemoveTags,
		unassign: dialogUnassign,
	},
	file: { get: fileGet, updateMeta: fileUpdateMeta, upload: fileUpload, uploadByUrl: fileUploadByUrl },
	member: { getAll: memberGetAll },
	message: { delete: messageDelete, edit: messageEdit, getAll: messageGetAll, send: messageSend },
	module: { get: moduleGet, register: moduleRegister },
	user: { getAll: userGetAll },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const limiter = new RateLimiter(10);
	return [
		await runForEachItem(this, async (itemIndex) => {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const handler = operations[resource]?.[operation];
			if (!handler) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
					itemIndex,
				});
			}
			return await handler.execute.call(this, itemIndex, { limiter });
		}),
	];
}
