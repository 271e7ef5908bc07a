/**
 * The agenda as the meeting screen arranges it: three headed sections in the order the domain
 * sets (report-backs, then new situations, then those ready to close), and the keyboard reorder
 * (Move up / Move down), which moves an item within its own section only — the API keeps the
 * sections in that order whatever the positions say.
 */
import {
  agendaSections,
  type AgendaItem,
  type AgendaSection,
  type OpenAgendaItem,
} from '@fourfold/shared/meetings';

export type AgendaGroup = { section: AgendaSection; items: AgendaItem[] };

/** Every section, in the domain's order, each with its items by position (empty ones too). */
export function groupAgenda(agenda: readonly AgendaItem[]): AgendaGroup[] {
  const sorted = [...agenda].sort((a, b) => a.position - b.position);
  return agendaSections.map((section) => ({
    section,
    items: sorted.filter((item) => item.section === section),
  }));
}

/** The agenda's item ids in the order the screen shows them (section, then position). */
export function agendaOrder(agenda: readonly AgendaItem[]): string[] {
  return groupAgenda(agenda).flatMap((group) => group.items.map((item) => item.id));
}

export type Move = {
  /** Every item id in the new order, as PUT /api/meetings/:id/agenda takes it. */
  itemIds: string[];
  /** The item's new place within its section, counted from 1. */
  position: number;
  /** How many items its section holds. */
  of: number;
  section: AgendaSection;
};

/**
 * Moves one item up (-1) or down (+1) within its section. Null when it cannot move that way (first
 * or last of its section) or is not on the agenda: the caller then sends nothing.
 */
export function moveAgendaItem(
  agenda: readonly AgendaItem[],
  itemId: string,
  direction: -1 | 1,
): Move | null {
  const groups = groupAgenda(agenda);
  const group = groups.find((candidate) => candidate.items.some((item) => item.id === itemId));
  if (!group) return null;
  const index = group.items.findIndex((item) => item.id === itemId);
  const target = index + direction;
  if (target < 0 || target >= group.items.length) return null;
  const items = [...group.items];
  const [moved] = items.splice(index, 1);
  if (!moved) return null;
  items.splice(target, 0, moved);
  const reordered = groups.map((candidate) =>
    candidate === group ? { ...group, items } : candidate,
  );
  return {
    itemIds: reordered.flatMap((candidate) => candidate.items.map((item) => item.id)),
    position: target + 1,
    of: items.length,
    section: group.section,
  };
}

/** Applies a new order to the agenda as shown (positions renumbered), for the cache. */
export function reorderAgenda(
  agenda: readonly AgendaItem[],
  itemIds: readonly string[],
): AgendaItem[] {
  const byId = new Map(agenda.map((item) => [item.id, item]));
  return itemIds.flatMap((id, index) => {
    const item = byId.get(id);
    return item ? [{ ...item, position: index + 1 }] : [];
  });
}

/** How many of an item's action items are overdue (the server flags them at answer time). */
export function overdueCount(item: AgendaItem): number {
  return item.restricted ? 0 : item.actionItems.filter((action) => action.overdue).length;
}

/**
 * The item the detail shows: the one the person chose while it is still on the agenda and
 * open to them, else the one the room is discussing, else none.
 */
export function shownItem(
  agenda: readonly AgendaItem[],
  selectedId: string | null,
  currentItemId: string | null,
): OpenAgendaItem | null {
  const open = (id: string | null) => {
    const item = id === null ? undefined : agenda.find((candidate) => candidate.id === id);
    return item && !item.restricted ? item : null;
  };
  return open(selectedId) ?? open(currentItemId);
}
