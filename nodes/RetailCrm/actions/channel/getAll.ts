import { CHANNEL_TYPES, filter, listOperation } from '../common';

export const { description, execute } = listOperation('channel', '/channels', [
	filter.number('id', 'Channel ID', 'id', 'Only the channel with this ID'),
	filter.options('types', 'Channel Types', 'types', 'Only channels of these types', CHANNEL_TYPES, true),
	filter.boolean('active', 'Active', 'active', 'Whether to return only active channels (off: only deactivated channels)'),
], 'channels');
