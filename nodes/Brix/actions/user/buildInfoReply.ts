import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { shapeUserInfoReply } from '../../format';

const show = { resource: ['user'], operation: ['buildInfoReply'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Make this the last node of the userInfo branch when the BRIX Trigger answers user info "From Workflow": its output is the answer BRIX receives',
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
	return shapeUserInfoReply({
		id: this.getNodeParameter('id', itemIndex, '') as string,
		username: this.getNodeParameter('username', itemIndex, '') as string,
		phoneNumber: this.getNodeParameter('phoneNumber', itemIndex, '') as string,
		avatar: this.getNodeParameter('avatar', itemIndex, '') as string,
	});
}
