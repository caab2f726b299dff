import { ExecutionLifecycleHooks, TriggerContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

/** Applies a credential type's generic `authenticate` the way n8n's credentials helper does. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const resolve = (value: unknown) =>
			workflow.expression.getParameterValue(value as string, null, 0, 0, node.name, [], 'internal', {
				$credentials: credentials,
			});
		const options = { ...requestOptions };
		for (const target of ['headers', 'qs', 'body'] as const) {
			const extra = authenticate.properties[target];
			if (!extra) continue;
			const resolved: IDataObject = {};
			for (const [key, value] of Object.entries(extra)) resolved[key] = resolve(value) as IDataObject[string];
			options[target] = { ...((options[target] as IDataObject) ?? {}), ...resolved };
		}
		return options;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	getCredentialsProperties() {
		return [];
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const data = this.data[type];
		if (!data) throw new Error(`no test credentials of type ${type}`);
		return data;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used in engine tests');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getOAuth2Options() {
		return undefined;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}

export interface RunNodeOptions {
	nodeType: INodeType;
	parameters: INode['parameters'];
	/** Credential type instances the node uses, with the decrypted data to give it. */
	credentials?: Array<{ type: ICredentialType; data: ICredentialDataDecryptedObject }>;
	input?: IDataObject[];
	continueOnFail?: boolean;
	staticData?: IDataObject;
}

export interface NodeRun {
	items: INodeExecutionData[];
	error?: { message: string; description?: string | null; httpCode?: string | null };
	staticData: IDataObject;
}

/** A real Workflow holding the node under test, and the additional data n8n-core's contexts need. */
function engineFor(options: RunNodeOptions) {
	const typeName = `test.${options.nodeType.description.name}`;
	const nodeTypes: INodeTypes = {
		getByName: () => options.nodeType,
		getByNameAndVersion: () => options.nodeType,
		getKnownTypes: () => ({}),
	};
	const credentialTypes = Object.fromEntries((options.credentials ?? []).map(({ type }) => [type.name, type]));
	const credentialData = Object.fromEntries((options.credentials ?? []).map(({ type, data }) => [type.name, data]));
	const node: INode = {
		id: 'node-under-test',
		name: 'Node',
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		continueOnFail: options.continueOnFail,
		credentials: Object.fromEntries(Object.keys(credentialTypes).map((name) => [name, { id: name, name }])),
	};
	const workflow = new Workflow({
		id: 'engine-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		staticData: options.staticData ?? {},
		settings: { executionOrder: 'v1' },
	});

	const workflowData = { id: 'engine-test', name: 'engine test', nodes: [node], connections: {} } as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('manual', 'engine-1', workflowData);
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentialTypes, credentialData),
		currentNodeParameters: undefined,
		executionId: 'engine-1',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		userId: 'engine-user',
		setExecutionStatus: () => undefined,
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not available in engine tests');
		},
		logAiEvent: () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
	return { node, workflow, hooks, additionalData };
}

/**
 * Executes one node in-process with n8n-core's WorkflowExecute and a real Workflow: the node's HTTP goes
 * through n8n's own request helpers and the credential's `authenticate`, so tests point it at a local server.
 */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	const { node, workflow, hooks, additionalData } = engineFor(options);
	let finish: (run: IRun) => void = () => undefined;
	const done = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node,
					data: { main: [(options.input ?? [{}]).map((json, index) => ({ json, pairedItem: { item: index } }))] },
					source: null,
				},
			],
		},
	});

	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const run = await done;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	const error = taskData?.error ?? run.data.resultData.error;
	return {
		items: taskData?.data?.main[0] ?? [],
		error: error
			? {
					message: error.message,
					description: (error as { description?: string | null }).description,
					httpCode: (error as { httpCode?: string | null }).httpCode,
				}
			: undefined,
		staticData: workflow.staticData as IDataObject,
	};
}

export interface RunningTrigger {
	/** Items emitted so far, in order (empty when started with keepItems: false). */
	emitted: IDataObject[];
	/** How many items were emitted. */
	count(): number;
	errors: Error[];
	close(): Promise<void>;
}

/** Activates a trigger node in-process with n8n-core's TriggerContext (mode 'trigger'), counting what it emits. */
export async function startTrigger(options: RunNodeOptions & { keepItems?: boolean }): Promise<RunningTrigger> {
	const { node, workflow, additionalData } = engineFor(options);
	const emitted: IDataObject[] = [];
	let count = 0;
	const errors: Error[] = [];
	const context = new TriggerContext(
		workflow,
		node,
		additionalData,
		'trigger',
		'activate',
		(data) => {
			for (const item of data[0] ?? []) {
				count++;
				if (options.keepItems !== false) emitted.push(item.json);
			}
		},
		(error) => errors.push(error),
	);
	const response = await options.nodeType.trigger!.call(context);
	return { emitted, count: () => count, errors, close: async () => await response?.closeFunction?.() };
}
