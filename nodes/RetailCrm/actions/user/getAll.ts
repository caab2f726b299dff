import { filter, listOperation } from '../common';

export const { description, execute } = listOperation('user', '/users', [
	filter.number('id', 'User ID', 'id', 'Only the user with this ID'),
	filter.string('externalId', 'External ID', 'external_id', 'Only the user with this external ID (the retailCRM manager ID)'),
	filter.yesNo('online', 'Online', 'online', 'Yes: only users who are online. No: only offline users.'),
	filter.yesNo('active', 'Active', 'active', 'Yes: only active users. No: only deactivated users.'),
], 'users');
