import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { shapeUserInfoReply } from '../../format';

const show = { resource: ['user'], operation: ['buildInfoReply'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Put this node in the userInfo branch when the BRIX Trigger answers user info "From Workflow": it answers BRIX with the first item\'s profile as soon as it runs',
		name: 'replyNotice',
		type: 'notice',
		displayOptions: { show },
		default: '',
	},
	{
		displayName: 'User ID',
		name: 'id',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '={{ $json.userId }}',
		description: 'The user ID BRIX asked for',
	},
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		displayOptions: { show },
		default: '',
		description: 'Name or login shown to the operator. Empty uses the user ID.',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		displayOptions: { show },
		default: '',
	},
	{
		displayName: 'Avatar (Base64)',
		name: 'avatar',
		type: 'string',
		displayOptions: { show },
		default: '',
		description: 'The avatar image file in base64 (a data: URL prefix is removed)',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const reply = shapeUserInfoReply({
		id: this.getNodeParameter('id', itemIndex, '') as string,
		username: this.getNodeParameter('username', itemIndex, '') as string,
		phoneNumber: this.getNodeParameter('phoneNumber', itemIndex, '') as string,
		avatar: this.getNodeParameter('avatar', itemIndex, '') as string,
	});
	// The BRIX Trigger waits for this answer ("From Workflow" runs in n8n's response-node mode); outside such an
	// execution nobody is waiting and n8n ignores it.
	if (itemIndex === 0) await this.sendResponse({ body: reply, headers: { 'content-type': 'application/json' }, statusCode: 200 });
	return reply;
}
