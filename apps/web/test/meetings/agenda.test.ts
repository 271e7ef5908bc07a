import { describe, expect, it } from 'vitest';
import {
  agendaOrder,
  groupAgenda,
  moveAgendaItem,
  overdueCount,
  reorderAgenda,
  shownItem,
} from '../../src/features/meetings/utils/agenda';
import { actionItem, itemId, openItem, restrictedItem } from './fixtures';

// Positions deliberately out of section order: the screen must follow the domain's sections.
const agenda = [
  openItem(1, 'new', { position: 1 }),
  openItem(2, 'report_back', { position: 2 }),
  openItem(3, 'new', { position: 3 }),
  restrictedItem(4, 'report_back'),
  openItem(5, 'new', { position: 5 }),
  openItem(6, 'ready_to_close', { position: 6 }),
];

describe('groupAgenda', () => {
  it('gives the three sections in the domain order, items by position, empty sections kept', () => {
    const groups = groupAgenda(agenda);
    expect(groups.map((group) => group.section)).toEqual(['report_back', 'new', 'ready_to_close']);
    expect(groups.map((group) => group.items.map((item) => item.id))).toEqual([
      [itemId(2), itemId(4)],
      [itemId(1), itemId(3), itemId(5)],
      [itemId(6)],
    ]);
    expect(groupAgenda([openItem(1, 'new')]).map((group) => group.items.length)).toEqual([0, 1, 0]);
  });

  it('orders the whole agenda section by section', () => {
    expect(agendaOrder(agenda)).toEqual([2, 4, 1, 3, 5, 6].map(itemId));
  });
});

describe('moveAgendaItem', () => {
  it('moves an item up within its section and sends every id in the new order', () => {
    expect(moveAgendaItem(agenda, itemId(3), -1)).toEqual({
      itemIds: [2, 4, 3, 1, 5, 6].map(itemId),
      position: 1,
      of: 3,
      section: 'new',
    });
  });

  it('moves an item down within its section', () => {
    expect(moveAgendaItem(agenda, itemId(2), 1)).toEqual({
      itemIds: [4, 2, 1, 3, 5, 6].map(itemId),
      position: 2,
      of: 2,
      section: 'report_back',
    });
  });

  it('never moves an item out of its section', () => {
    expect(moveAgendaItem(agenda, itemId(1), -1)).toBeNull();
    expect(moveAgendaItem(agenda, itemId(5), 1)).toBeNull();
    expect(moveAgendaItem(agenda, itemId(6), -1)).toBeNull();
  });

  it('answers null for an item not on the agenda', () => {
    expect(moveAgendaItem(agenda, itemId(99), 1)).toBeNull();
  });

  it('gives an order that reorderAgenda applies, positions renumbered', () => {
    const move = moveAgendaItem(agenda, itemId(5), -1);
    const reordered = reorderAgenda(agenda, move?.itemIds ?? []);
    expect(agendaOrder(reordered)).toEqual([2, 4, 1, 5, 3, 6].map(itemId));
    expect(reordered.map((item) => item.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('overdueCount', () => {
  it('counts the overdue action items of an open item, and none for a restricted one', () => {
    const item = openItem(1, 'report_back', {
      actionItems: [
        actionItem({ overdue: true }),
        actionItem({ overdue: false }),
        actionItem({ overdue: true, status: 'open' }),
      ],
    });
    expect(overdueCount(item)).toBe(2);
    expect(overdueCount(restrictedItem(4, 'report_back'))).toBe(0);
  });
});

describe('shownItem', () => {
  it('shows the chosen item, else the current one, never a restricted one', () => {
    expect(shownItem(agenda, itemId(3), itemId(1))?.id).toBe(itemId(3));
    expect(shownItem(agenda, null, itemId(1))?.id).toBe(itemId(1));
    expect(shownItem(agenda, itemId(4), itemId(1))?.id).toBe(itemId(1));
    expect(shownItem(agenda, itemId(99), null)).toBeNull();
    expect(shownItem(agenda, null, itemId(4))).toBeNull();
  });
});
