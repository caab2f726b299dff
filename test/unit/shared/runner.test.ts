import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { fieldLabel, ParameterError, runForEachItem } from '../../../nodes/shared/runner';

const node = { name: 'Node', type: 'pkg.test', typeVersion: 1, parameters: {} } as unknown as INode;

function context(inputs: object[], continueOnFail: boolean): IExecuteFunctions {
	return {
		getInputData: () => inputs.map((json) => ({ json })),
		getNode: () => node,
		continueOnFail: () => continueOnFail,
	} as unknown as IExecuteFunctions;
}

describe('runForEachItem', () => {
	it('pairs every result with its item, lists included', async () => {
		const output = await runForEachItem(context([{ a: 1 }, { a: 2 }], false), async (i) => (i === 0 ? { r: 0 } : [{ r: 1 }, { r: 2 }]));
		expect(output).toEqual([
			{ json: { r: 0 }, pairedItem: { item: 0 } },
			{ json: { r: 1 }, pairedItem: { item: 1 } },
			{ json: { r: 2 }, pairedItem: { item: 1 } },
		]);
	});

	it('Continue On Fail: the failed item keeps its input fields, gets the error text, and the next items run', async () => {
		const output = await runForEachItem(context([{ chatId: 'x', keep: true }, { chatId: '1' }], true), async (i) => {
			if (i === 0) throw new ParameterError('Chat ID is empty', 'Map the chat ID.');
			return { sent: true };
		});
		expect(output).toEqual([
			{ json: { chatId: 'x', keep: true, error: 'Chat ID is empty' }, pairedItem: { item: 0 } },
			{ json: { sent: true }, pairedItem: { item: 1 } },
		]);
	});

	it('error output: the failed item is { error } alone, the only shape n8n routes there (n8n adds the input back)', async () => {
		const ctx = context([{ chatId: 'x' }], true);
		const withErrorOutput = { ...node, onError: 'continueErrorOutput' } as INode;
		(ctx as unknown as { getNode: () => INode }).getNode = () => withErrorOutput;
		const output = await runForEachItem(ctx, async () => {
			throw new ParameterError('Chat ID is empty');
		});
		expect(output).toEqual([{ json: { error: 'Chat ID is empty' }, pairedItem: { item: 0 } }]);
	});

	it('without it: a node error naming the item, with a description that says what to do', async () => {
		const run = (error: Error) => runForEachItem(context([{}, {}], false), async (i) => {
			if (i === 1) throw error;
			return {};
		});
		const parameter = await run(new ParameterError('Chat ID is empty', 'Map the chat ID.')).catch((e: unknown) => e);
		expect(parameter).toBeInstanceOf(NodeOperationError);
		expect(parameter).toMatchObject({ message: 'Chat ID is empty', description: 'Map the chat ID.', context: { itemIndex: 1 } });
		const plain = await run(new Error('boom')).catch((e: unknown) => e);
		expect(plain).toBeInstanceOf(NodeOperationError);
		expect((plain as NodeOperationError).description).toMatch(/Check the field named in the message/);
		const bare = await run(new NodeOperationError(node, 'No file to send')).catch((e: unknown) => e);
		expect(bare).toMatchObject({ message: 'No file to send', context: { itemIndex: 1 } });
		expect((bare as NodeOperationError).description).toMatch(/Check the field/);
		const api = new NodeApiError(node, { statusCode: 500 }, { message: 'X answered 500', description: 'Retry later.' });
		expect(await run(api).catch((e: unknown) => e)).toBe(api);
		expect(api.context.itemIndex).toBe(1);
	});
});

describe('fieldLabel', () => {
	it('names a parameter the way the node shows it', () => {
		expect(fieldLabel('chatId')).toBe('Chat ID');
		expect(fieldLabel('responsibleId')).toBe('Responsible ID');
		expect(fieldLabel('botUrl')).toBe('Bot URL');
		expect(fieldLabel('messageId')).toBe('Message ID');
	});
});
