import { randomUUID } from 'crypto';

import type { WorkflowNode } from '../harness/n8n-api';
import type { N8nInstance } from '../harness/n8n-server';
import { nodeType } from '../harness/paths';
import { bonyChatAdapter, brixAdapter, retailCrmModuleAdapter, selartiAdapter, uchatAdapter, type HostileCase, type HostileResponse, type TriggerAdapter } from './corpus';

/** The five webhook triggers, each with its corpus adapter and the workflow node that serves it. */

export const BRIX_CHANNEL = 'ebf45efc-cc67-4b60-9e3f-121966ba9f30';
export const BRIX_TOKEN = 'brix-confirm-7f3a9c2e51d04b8a';
export const BRIX_OUTGOING = 'brix-outgoing-52c1e9aa07f3';
export const UCHAT_KEY = 'uchat-verify-3b9d27c4e8a1f605';
export const BONYCHAT_TOKEN = 'bony-api-token-5e0c71d9a2b4';
export const BONYCHAT_WEBHOOK = 'https://app.example.com/custom_channel/webhook/secret-path-81f2';
export const SELARTI_SECRET = 'selarti-hook-secret-c4a9e270';
export const SELARTI_API_TOKEN = 'selarti-api-token-0d6b93f1';

export interface Target {
	adapter: TriggerAdapter;
	cases: HostileCase[];
	/** Webhook path of the trigger. */
	path?: string;
	/** Builds the workflow (credentials are created against the running n8n). */
	trigger(n8n: N8nInstance): Promise<WorkflowNode>;
	workflowId?: string;
	url?: string;
	responses: Array<{ id: string; response: HostileResponse }>;
}

const brix = brixAdapter({ token: BRIX_TOKEN, otherSecret: BRIX_OUTGOING, channelId: BRIX_CHANNEL });
const uchat = uchatAdapter({ verificationKey: UCHAT_KEY });

export const targets: Target[] = [
	{
		adapter: brix,
		cases: brix.cases(),
		responses: [],
		async trigger(n8n) {
			const cred = await n8n.api.createCredential('brixApi', {
				token: BRIX_TOKEN,
				outgoingToken: BRIX_OUTGOING,
				baseUrl: 'http://127.0.0.1:9',
				channelId: BRIX_CHANNEL,
			});
			return {
				id: randomUUID(),
				name: 'BRIX Trigger',
				type: nodeType('brixTrigger'),
				typeVersion: 1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					events: ['connect', 'disconnect', 'markAsRead', 'message', 'messageOutcome', 'userInfo'],
					userInfoAnswer: 'node',
					allowedChannels: BRIX_CHANNEL,
				},
				credentials: { brixApi: cred },
			};
		},
	},
	{
		adapter: uchat,
		cases: uchat.cases(),
		responses: [],
		async trigger() {
			return {
				id: randomUUID(),
				name: 'UChat Trigger',
				type: nodeType('uChatTrigger'),
				typeVersion: 1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { registration: 'manual', verificationKey: UCHAT_KEY },
			};
		},
	},
];

const bonyChat = bonyChatAdapter({ apiToken: BONYCHAT_TOKEN });
const selarti = selartiAdapter({ secret: SELARTI_SECRET });
targets.push(
	{
		adapter: bonyChat,
		cases: bonyChat.cases(),
		responses: [],
		path: 'message',
		async trigger(n8n) {
			const cred = await n8n.api.createCredential('bonyChatApi', {
				channelId: 'gfd8g7fd89dgfd',
				apiToken: BONYCHAT_TOKEN,
				webhookUrl: BONYCHAT_WEBHOOK,
			});
			return {
				id: randomUUID(),
				name: 'BonyChat Trigger',
				type: nodeType('bonyChatTrigger'),
				typeVersion: 1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { replyMode: 'immediately' },
				credentials: { bonyChatApi: cred },
			};
		},
	},
	{
		adapter: selarti,
		cases: selarti.cases(),
		responses: [],
		async trigger(n8n) {
			const cred = await n8n.api.createCredential('selartiApi', {
				baseUrl: 'http://127.0.0.1:9',
				apiToken: SELARTI_API_TOKEN,
				webhookSecret: SELARTI_SECRET,
			});
			return {
				id: randomUUID(),
				name: 'Selarti Trigger',
				type: nodeType('selartiTrigger'),
				typeVersion: 1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { webhookTypes: '' },
				credentials: { selartiApi: cred },
			};
		},
	},
);

const RETAILCRM_CLIENT_ID = 'retailcrm-client-8b20f4d7e1c3';
const retailCrm = retailCrmModuleAdapter({ clientId: RETAILCRM_CLIENT_ID });
targets.push({
	adapter: retailCrm,
	cases: retailCrm.cases(),
	responses: [],
	async trigger() {
		return {
			id: randomUUID(),
			name: 'retailCRM Module Trigger',
			type: nodeType('retailCrmModuleTrigger'),
			typeVersion: 1,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { clientId: RETAILCRM_CLIENT_ID },
		};
	},
});

