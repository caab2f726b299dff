import type { INodeParameters, IWebhookDescription } from 'n8n-workflow';

import { BonyChatTrigger } from '../../../nodes/BonyChat/BonyChatTrigger.node';
import { BrixTrigger } from '../../../nodes/Brix/BrixTrigger.node';

const RESOLVERS = Symbol.for('n8n.webhookDescriptionResolvers');

type Resolvers = Record<string, { template: string; resolve: (parameters: INodeParameters) => unknown }>;

/** What n8n's expression engine makes of a `={{(fn)($parameter)}}` template: the function run on the parameters. */
function evaluateTemplate(template: string, parameters: INodeParameters): unknown {
	const body = /^=\{\{([\s\S]*)\}\}$/.exec(template)![1];
	return new Function('$parameter', `return ${body};`)(parameters);
}

describe.each([
	['BRIX Trigger', new BrixTrigger().description.webhooks![0], 'userInfoAnswer', ['node', 'workflow']],
	['BonyChat Trigger', new BonyChatTrigger().description.webhooks![0], 'replyMode', ['immediately', 'lastNode', 'replyOperation']],
] as Array<[string, IWebhookDescription, string, string[]]>)('%s webhook fields', (_name, webhook, parameter, values) => {
	const resolvers = (webhook as unknown as Record<symbol, Resolvers>)[RESOLVERS];

	it('declares a native resolver for every field that is a template', () => {
		const templated = Object.entries(webhook).filter(([, value]) => typeof value === 'string' && value.startsWith('='));
		expect(templated.length).toBeGreaterThan(0);
		for (const [field, value] of templated) expect(resolvers[field]?.template).toBe(value);
	});

	it.each(values)(`resolves ${parameter} = %s natively exactly as the template evaluates`, (value) => {
		for (const [field, entry] of Object.entries(resolvers)) {
			expect(`${field}: ${String(entry.resolve({ [parameter]: value }))}`).toBe(
				`${field}: ${String(evaluateTemplate(entry.template, { [parameter]: value }))}`,
			);
		}
	});
});

it('answers the platform after the execution is stored unless the workflow answers', () => {
	const brix = new BrixTrigger().description.webhooks![0] as unknown as Record<symbol, Resolvers>;
	expect(brix[RESOLVERS].responseMode.resolve({ userInfoAnswer: 'node' })).toBe('onReceived');
	expect(brix[RESOLVERS].responseMode.resolve({ userInfoAnswer: 'workflow' })).toBe('responseNode');
	const bony = new BonyChatTrigger().description.webhooks![0] as unknown as Record<symbol, Resolvers>;
	expect(bony[RESOLVERS].responseMode.resolve({ replyMode: 'immediately' })).toBe('onReceived');
	expect(bony[RESOLVERS].responseData.resolve({ replyMode: 'immediately' })).toBe('');
});
