import { idLocator, locatorValue, searchResult } from '../../../nodes/shared/locator';

describe('list pickers', () => {
	it('reads the id of a resourceLocator value and the plain value of an older workflow alike', () => {
		expect(locatorValue({ __rl: true, mode: 'list', value: '42', cachedResultName: 'Dialog 42' })).toBe('42');
		expect(locatorValue({ __rl: true, mode: 'id', value: ' 7 ' })).toBe('7');
		expect(locatorValue('15')).toBe('15');
		expect(locatorValue(16)).toBe('16');
		expect(locatorValue(undefined)).toBe('');
		expect(locatorValue({ __rl: true, mode: 'list', value: '' })).toBe('');
	});

	it('starts in By ID with the item expression when there is one, else in From List', () => {
		const withExpression = idLocator({ displayName: 'Dialog ID', name: 'dialogId', description: 'd', searchListMethod: 'searchDialogs', idDefault: '={{ $json.dialogId }}' });
		expect(withExpression.default).toEqual({ mode: 'id', value: '={{ $json.dialogId }}' });
		const plain = idLocator({ displayName: 'Workspace ID', name: 'workspaceId', description: 'd', searchListMethod: 'searchWorkspaces' });
		expect(plain.default).toEqual({ mode: 'list', value: '' });
		expect(plain.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
	});

	it('narrows a page to the entries whose name or id contains the search text', () => {
		const items = [
			{ name: 'Acme Support (7001)', value: '7001' },
			{ name: 'Beta Sales (7002)', value: '7002' },
		];
		expect(searchResult(items, 'SALES').results).toEqual([items[1]]);
		expect(searchResult(items, '7001').results).toEqual([items[0]]);
		expect(searchResult(items, '', '2')).toEqual({ results: items, paginationToken: '2' });
	});
});
