import { NodeHelpers } from 'n8n-workflow';
import type { IExecuteFunctions, INode, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { operationWithoutToolOnly, refuseInTool, toolAwareProperties } from '../../../nodes/shared/tool';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['user'] } },
	options: [
		{ name: 'Build Info Reply', value: 'buildInfoReply', action: 'Build user info reply' },
		{ name: 'Get Info', value: 'getInfo', action: 'Get user info' },
	],
	default: 'buildInfoReply',
};

function shownOperations(properties: INodeProperties[], typeName: string): string[] {
	const description = { name: typeName, properties } as INodeTypeDescription;
	const node = { typeVersion: 1 } as INode;
	return properties
		.filter((property) => NodeHelpers.displayParameter({ resource: 'user' }, property, node, description))
		.flatMap((property) => (property.options ?? []).map((option) => String((option as { value: string }).value)));
}

describe('tool variants', () => {
	it('offers every operation in the node and only the usable ones in its Tool variant', () => {
		const properties = operationWithoutToolOnly(operation, ['buildInfoReply']);
		expect(shownOperations(properties, 'brix')).toEqual(['buildInfoReply', 'getInfo']);
		expect(shownOperations(properties, 'brixTool')).toEqual(['getInfo']);
		// The Tool variant's default must be one it offers.
		expect(properties[1].default).toBe('getInfo');
	});

	it('leaves an Operation parameter with nothing to hide as it is', () => {
		expect(operationWithoutToolOnly(operation, ['register'])).toEqual([operation]);
		const other: INodeProperties = { displayName: 'Text', name: 'text', type: 'string', default: '' };
		expect(toolAwareProperties([other, operation], ['buildInfoReply'])).toHaveLength(3);
	});

	it('refuses a hidden operation when run as a tool, and only then', () => {
		const ctx = (type: string) => ({ getNode: () => ({ type, name: 'BRIX' }) }) as unknown as IExecuteFunctions;
		expect(() => refuseInTool(ctx('pkg.brixTool'), 'buildInfoReply', ['buildInfoReply'])).toThrow('This operation cannot run as an AI tool');
		expect(() => refuseInTool(ctx('pkg.brixTool'), 'getInfo', ['buildInfoReply'])).not.toThrow();
		expect(() => refuseInTool(ctx('pkg.brix'), 'buildInfoReply', ['buildInfoReply'])).not.toThrow();
	});
});
